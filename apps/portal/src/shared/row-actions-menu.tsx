import { Button, Menu } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

export interface RowAction {
  label: string;
  onSelect: () => void;
  /** Shown in red: it deletes or cancels. */
  destructive?: boolean;
}

/**
 * A row's "Actions" menu. A list of 500 rows would otherwise mount 500 menus (each with its floating position and
 * focus handling) that nobody opens: the row shows a plain button until it is first pressed, and the menu is
 * mounted from then on, and opened. Keyboard and screen readers find the same button, name and popup either way.
 */
export function RowActionsMenu({
  label,
  actions,
  text = 'Actions',
  variant = 'default',
  size = 'xs',
}: {
  /** The button's accessible name, naming the row: "Actions for jane.doe". */
  label: string;
  actions: readonly RowAction[];
  text?: string;
  variant?: 'default' | 'light';
  size?: 'xs' | 'compact-sm';
}) {
  const [mounted, setMounted] = useState(false);
  const [opened, setOpened] = useState(false);
  const target = useRef<HTMLButtonElement>(null);
  // The plain button was replaced by the menu's: focus the new one before opening, so that closing the menu brings
  // focus back to it rather than to the page.
  useEffect(() => {
    if (!mounted) return;
    target.current?.focus();
    setOpened(true);
  }, [mounted]);
  const button = (props: Record<string, unknown>) => (
    <Button variant={variant} size={size} aria-label={label} {...props}>
      {text}
    </Button>
  );
  if (!mounted) {
    return button({ 'aria-haspopup': 'menu', 'aria-expanded': false, onClick: () => setMounted(true) });
  }
  return (
    <Menu position="bottom-end" opened={opened} onChange={setOpened}>
      <Menu.Target>{button({ ref: target })}</Menu.Target>
      <Menu.Dropdown>
        {actions.map((action) => (
          <Menu.Item key={action.label} color={action.destructive ? 'red.9' : undefined} onClick={action.onSelect}>
            {action.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
