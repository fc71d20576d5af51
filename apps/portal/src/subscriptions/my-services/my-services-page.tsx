import { Badge, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { RowActionsMenu } from '../../shared/row-actions-menu';
import { ErrorState } from '../../shared/query-states';
import { BILLING_FREQUENCY_NAMES } from '../../store/shared/transaction-answer';
import { AssignLicencesDialog } from './assign-licences-dialog';
import { CancelDialog } from './cancel-dialog';
import { ChangeQuantityDialog } from './change-quantity-dialog';
import type { Subscription } from './subscription';


type Dialog = { kind: 'change' | 'cancel' | 'assign'; subscription: Subscription };

/**
 * My services: the organization's subscriptions. Organization admins change quantities, cancel, and assign or move
 * licences; viewers read; an organization user sees only the services assigned to them.
 */
export default function MyServicesPage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayManage = me?.role === 'org_admin' || me?.role === 'reseller_admin';
  const ownOnly = me?.role === 'org_user';
  const pages = useCursorPages();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const subscriptions = useQuery({
    queryKey: ['subscriptions', orgId, ...pages.key],
    queryFn: async () =>
      unwrap(
        await api.GET('/api/v1/organizations/{orgId}/subscriptions', {
          params: { path: { orgId }, query: { ...pages.query } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(subscriptions.data?.items);

  return (
    <Stack gap="sm">
      <Title order={2}>My services</Title>
      <Text size="sm" c="dimmed">
        {ownOnly ? 'The services assigned to you.' : "Your organization's subscriptions. Orders and changes waiting for approval show here once approved."}
      </Text>
      {subscriptions.isError ? (
        <ErrorState title="The services could not be loaded" error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="My services"
            withTableBorder
            striped
            minHeight={180}
            fetching={subscriptions.isFetching}
            records={rows}
            noRecordsText={subscriptions.isPending ? 'Loading services…' : ownOnly ? 'No services are assigned to you' : 'No services yet: order them in the E-store'}
            columns={[
              { accessor: 'productName', title: 'Service', render: (s) => <Text size="sm" fw={500}>{s.productName}</Text> },
              { accessor: 'quantity', title: 'Quantity', textAlign: 'right' },
              {
                accessor: 'price',
                title: 'Price',
                textAlign: 'right',
                noWrap: true,
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (s) => `${s.price} ${s.currency}`,
              },
              { accessor: 'billingFrequency', title: 'Billing', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, render: (s) => BILLING_FREQUENCY_NAMES[s.billingFrequency] },
              {
                accessor: 'status',
                title: 'Status',
                noWrap: true,
                render: (s) => (
                  <Badge color={s.status === 'active' ? 'teal.9' : 'gray.7'} variant="filled" miw={80}>
                    {s.status === 'active' ? 'Active' : 'Cancelled'}
                  </Badge>
                ),
              },
              {
                accessor: 'assigned',
                title: 'Assigned users',
                textAlign: 'right',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (s) => s.assignedUserIds.length,
              },
              {
                accessor: 'actions',
                title: 'Actions',
                textAlign: 'right',
                hidden: !mayManage,
                render: (s) =>
                  s.status === 'active' && (
                    <RowActionsMenu
                      label={`Manage ${s.productName}`}
                      text="Manage"
                      variant="light"
                      size="compact-sm"
                      actions={[
                        { label: 'Assign licences', onSelect: () => setDialog({ kind: 'assign', subscription: s }) },
                        { label: 'Change quantity', onSelect: () => setDialog({ kind: 'change', subscription: s }) },
                        { label: 'Cancel service', destructive: true, onSelect: () => setDialog({ kind: 'cancel', subscription: s }) },
                      ]}
                    />
                  ),
              },
            ]}
          />
          <CursorPager label="Services" pages={pages} nextCursor={subscriptions.data?.nextCursor} />
        </>
      )}
      {dialog?.kind === 'change' && <ChangeQuantityDialog orgId={orgId} subscription={dialog.subscription} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancel' && <CancelDialog orgId={orgId} subscription={dialog.subscription} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'assign' && <AssignLicencesDialog orgId={orgId} subscriptionId={dialog.subscription.id} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
