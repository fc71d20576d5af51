import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { useSessionUser } from '../../auth/use-session';
import { ErrorState } from '../../shared/query-states';
import { BILLING_FREQUENCY_NAMES } from '../shared/transaction-answer';
import { OrderDialog } from './order-dialog';

type StoreItem = components['schemas']['StoreItemResponse'];

/** The organization's curated e-store: what it may order, at its prices; organization admins order from it. */
export default function EStorePage() {
  const { orgId = '' } = useParams();
  const me = useSessionUser();
  const mayOrder = me?.role === 'org_admin' || me?.role === 'reseller_admin';
  const [ordering, setOrdering] = useState<StoreItem | null>(null);
  const store = useQuery({
    queryKey: ['store', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}/store', { params: { path: { orgId } } })),
  });

  return (
    <Stack gap="sm">
      <Title order={2}>E-store</Title>
      <Text size="sm" c="dimmed">
        The services your reseller offers your organization, at your prices.
      </Text>
      {store.isError ? (
        <ErrorState title="The e-store could not be loaded" error={store.error} onRetry={() => void store.refetch()} />
      ) : (
        <DataTable
          aria-label="E-store"
          withTableBorder
          striped
          minHeight={180}
          fetching={store.isFetching}
          records={store.data?.items ?? []}
          idAccessor="productId"
          noRecordsText={store.isPending ? 'Loading the e-store…' : 'Your e-store has no services yet'}
          columns={[
            { accessor: 'name', title: 'Service', render: (item) => <Text size="sm" fw={500}>{item.name}</Text> },
            { accessor: 'vendor', title: 'Vendor', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})` },
            { accessor: 'description', title: 'Description', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})` },
            { accessor: 'billingFrequency', title: 'Billing', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`, render: (item) => BILLING_FREQUENCY_NAMES[item.billingFrequency] },
            { accessor: 'price', title: 'Price', textAlign: 'right', noWrap: true, render: (item) => `${item.price} ${item.currency}` },
            {
              accessor: 'actions',
              title: 'Actions',
              textAlign: 'right',
              hidden: !mayOrder,
              render: (item) => (
                <Button size="compact-sm" variant="light" onClick={() => setOrdering(item)} aria-label={`Order ${item.name}`}>
                  Order
                </Button>
              ),
            },
          ]}
        />
      )}
      {ordering && <OrderDialog orgId={orgId} item={ordering} resellerStaff={me?.role === 'reseller_admin'} onClose={() => setOrdering(null)} />}
    </Stack>
  );
}
