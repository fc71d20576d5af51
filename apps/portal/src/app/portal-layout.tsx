import { AppShell, Burger, Button, Group, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useState } from 'react';
import { NavLink as RouterNavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/api-client';
import { session } from '../auth/session-store';
import { useSessionUser } from '../auth/use-session';
import { LoadingState } from '../shared/query-states';
import { navigationFor } from './navigation';

/** The frame of every signed-in screen: header with the user and Log out, navigation for the role, the screen. */
export function PortalLayout() {
  const user = useSessionUser();
  const [opened, { toggle, close }] = useDisclosure();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leaving, setLeaving] = useState(false);

  const logOut = async () => {
    setLeaving(true);
    try {
      await api.POST('/api/v1/auth/logout', { body: { everywhere: false } });
    } catch {
      // Signed out here in any case; the server ends the session when its tokens expire.
    }
    session.clear();
    queryClient.clear();
    void navigate('/login', { replace: true });
  };

  const links = navigationFor(user);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
            <Title order={1} size="h4">
              Cloud service broker
            </Title>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" c="dimmed">
              {user?.username}
            </Text>
            <Button variant="default" size="xs" onClick={() => void logOut()} loading={leaving}>
              Log out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {links.map((link) => (
          <NavLink key={link.to} component={RouterNavLink} to={link.to} label={link.label} onClick={close} />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense fallback={<LoadingState label="Loading" />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
