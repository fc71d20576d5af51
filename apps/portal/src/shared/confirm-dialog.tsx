import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { messageOf } from '../api/problem';

/**
 * An action that needs a confirmation: the question, Cancel, and the action's button (red), busy while `onConfirm`
 * runs. A failure is shown above the question, unless `handled` takes it (answers true), e.g. a version conflict the
 * screen deals with itself.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  children,
  centered = false,
  onClose,
  onConfirm,
  handled,
}: {
  title: string;
  confirmLabel: string;
  /** The question: what the action does. */
  children: ReactNode;
  centered?: boolean;
  onClose: () => void;
  onConfirm: () => Promise<void>;
  handled?: (error: unknown) => boolean;
}) {
  const [failure, setFailure] = useState<string | null>(null);
  const [working, setWorking] = useState(false);

  const confirm = async () => {
    setFailure(null);
    setWorking(true);
    try {
      await onConfirm();
    } catch (error) {
      if (!handled?.(error)) setFailure(messageOf(error));
    } finally {
      setWorking(false);
    }
  };

  return (
    <Modal opened onClose={onClose} closeButtonProps={{ 'aria-label': 'Close' }} title={title} centered={centered}>
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {children}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red.9" loading={working} onClick={() => void confirm()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
