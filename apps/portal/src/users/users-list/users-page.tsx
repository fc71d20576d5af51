import { Alert, Badge, Button, Group, Menu, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, idempotencyKey } from '../../api/api-client';
import { messageOf, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { useSessionUser } from '../../auth/use-session';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { RowActionsMenu } from '../../shared/row-actions-menu';
import { ErrorState } from '../../shared/query-states';
import { ROLE_NAMES } from '../shared/role-names';
import { AssignServicesDialog } from './assign-services-dialog';
import { ChangePasswordDialog } from './change-password-dialog';
import { DeleteUserDialog } from './delete-user-dialog';
import { EditUserDialog } from './edit-user-dialog';

type User = components['schemas']['UserListItemResponse'];
type StatusResult = components['schemas']['UserStatusResultResponse'];
type Action = 'disable' | 'enable';
type RowAction = 'edit' | 'password' | 'delete' | 'services';


/**
 * An organization's Users: the services column, each row's actions (Edit, Change password, Assign services, Delete),
 * tick boxes and the list actions Disable / Enable account(s), with each row's result.
 */
export default function UsersPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayChange = me?.role === 'reseller_admin' || me?.role === 'org_admin';
  const queryClient = useQueryClient();
  const pages = useCursorPages();
  const [selected, setSelected] = useState<User[]>([]);
  const [results, setResults] = useState<Record<string, StatusResult & { action: Action }>>({});
  const [running, setRunning] = useState<Action | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [open, setOpen] = useState<{ action: RowAction; user: User } | null>(null);
  const close = () => setOpen(null);
  // The list is a read model: a change shows in it a moment later.
  const closeAndReload = () => {
    setOpen(null);
    void queryClient.invalidateQueries({ queryKey: ['users', orgId] });
  };

  const organization = useQuery({
    queryKey: ['organization', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });
  const users = useQuery({
    queryKey: ['users', orgId, ...pages.key],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations/{orgId}/users', {
          params: { path: { orgId }, query: { ...pages.query } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(users.data?.items);

  const run = async (action: Action) => {
    setFailure(null);
    setRunning(action);
    const userIds = selected.map((user) => user.id);
    const path = action === 'disable' ? '/api/v1/organizations/{orgId}/users/disable' : '/api/v1/organizations/{orgId}/users/enable';
    try {
      const answer = unwrap(await api.POST(path, { params: { path: { orgId }, header: { 'Idempotency-Key': idempotencyKey() } }, body: { userIds } }));
      setResults((earlier) => ({ ...earlier, ...Object.fromEntries(answer.results.map((result) => [result.userId, { ...result, action }])) }));
      const done = answer.results.filter((result) => result.ok).length;
      const failed = answer.results.length - done;
      notifications.show({
        color: failed ? 'yellow' : 'green',
        title: action === 'disable' ? 'Disable account(s)' : 'Enable account(s)',
        message: `${done} ${action === 'disable' ? 'disabled' : 'enabled'}${failed ? `, ${failed} failed (see the Result column)` : ''}.`,
      });
      setSelected([]);
      // The list is a read model: it may show the change a moment later.
      void queryClient.invalidateQueries({ queryKey: ['users', orgId] });
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setRunning(null);
    }
  };

  // A row's status as this page changed it, until the list shows it too.
  const statusOf = (user: User): User['status'] => {
    const result = results[user.id];
    if (result?.ok) return result.action === 'disable' ? 'disabled' : 'active';
    return user.status;
  };

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Users{organization.data ? ` of ${organization.data.name}` : ''}</Title>
        {mayChange && (
          <Group gap="xs">
            <Button component={Link} to={`/organizations/${orgId}/users/import`} variant="default">
              Import users
            </Button>
            <Button component={Link} to={`/organizations/${orgId}/users/new`}>
              New user
            </Button>
          </Group>
        )}
      </Group>
      {failure && (
        <Alert color="red" role="alert">
          {failure}
        </Alert>
      )}
      {users.isError ? (
        <ErrorState title="The users could not be loaded" error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          {mayChange && (
            <Group justify="space-between">
              <Text size="sm" c="dimmed" aria-live="polite">
                {selected.length} selected
              </Text>
              <Menu position="bottom-end">
                <Menu.Target>
                  <Button variant="default" size="xs" disabled={selected.length === 0} loading={running !== null}>
                    List actions
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item onClick={() => void run('disable')}>Disable account(s)</Menu.Item>
                  <Menu.Item onClick={() => void run('enable')}>Enable account(s)</Menu.Item>
                </Menu.Dropdown>
              </Menu>
            </Group>
          )}
          <DataTable
            aria-label="Users"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={users.isFetching}
            records={rows}
            noRecordsText={users.isPending ? 'Loading users…' : 'No users yet'}
            {...(mayChange
              ? {
                  selectedRecords: selected,
                  onSelectedRecordsChange: setSelected,
                  allRecordsSelectionCheckboxProps: { 'aria-label': 'Select all users on this page' },
                  getRecordSelectionCheckboxProps: (user: User) => ({ 'aria-label': `Select ${user.username}` }),
                }
              : {})}
            columns={[
              // Usernames have no spaces: let them break, so the Status column stays in view on a phone.
              { accessor: 'username', title: 'Username', cellsStyle: () => ({ overflowWrap: 'anywhere' }) },
              {
                accessor: 'name',
                title: 'Name',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (user) => `${user.firstName} ${user.lastName}`,
              },
              { accessor: 'role', title: 'Role', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (user) => ROLE_NAMES[user.role] },
              { accessor: 'costCentre', title: 'Cost centre', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (user) => user.costCentre ?? '—' },
              { accessor: 'servicesCount', title: 'Services', textAlign: 'right', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})` },
              {
                accessor: 'status',
                title: 'Status',
                noWrap: true,
                width: 110,
                render: (user) => {
                  const status = statusOf(user);
                  return (
                    <Badge color={status === 'active' ? 'teal.9' : 'gray.7'} variant="filled" miw={80}>
                      {status === 'active' ? 'Active' : 'Disabled'}
                    </Badge>
                  );
                },
              },
              {
                accessor: 'actions',
                title: 'Actions',
                textAlign: 'right',
                width: 100,
                hidden: !mayChange,
                render: (user) => (
                  <RowActionsMenu
                    label={`Actions for ${user.username}`}
                    actions={[
                      { label: 'Edit', onSelect: () => setOpen({ action: 'edit', user }) },
                      { label: 'Change password', onSelect: () => setOpen({ action: 'password', user }) },
                      { label: 'Assign services', onSelect: () => setOpen({ action: 'services', user }) },
                      { label: 'Delete', destructive: true, onSelect: () => setOpen({ action: 'delete', user }) },
                    ]}
                  />
                ),
              },
              {
                accessor: 'result',
                title: 'Result',
                // Shown once a list action has run: each row's outcome.
                hidden: Object.keys(results).length === 0,
                render: (user) => {
                  const result = results[user.id];
                  if (!result) return null;
                  return (
                    <Text size="sm" c={result.ok ? 'teal.9' : 'red.9'}>
                      {result.ok ? (result.action === 'disable' ? 'Disabled' : 'Enabled') : (result.error ?? 'Failed')}
                    </Text>
                  );
                },
              },
            ]}
          />
          <CursorPager label="Users" pages={pages} nextCursor={users.data?.nextCursor} />
        </>
      )}
      {open?.action === 'edit' && <EditUserDialog orgId={orgId} user={open.user} onClose={close} onSaved={closeAndReload} />}
      {open?.action === 'password' && <ChangePasswordDialog orgId={orgId} user={open.user} onClose={close} />}
      {open?.action === 'services' && <AssignServicesDialog orgId={orgId} user={open.user} onClose={close} onSaved={closeAndReload} />}
      {open?.action === 'delete' && <DeleteUserDialog orgId={orgId} user={open.user} onClose={close} onDeleted={closeAndReload} />}
    </Stack>
  );
}
