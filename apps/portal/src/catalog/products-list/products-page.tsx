import { Group, Stack, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { useSessionUser } from '../../auth/use-session';
import { CursorPager, useCursorPages } from '../../shared/cursor-pager';
import { useDeferredRows } from '../../shared/deferred-rows';
import { ErrorState } from '../../shared/query-states';
import { AddProductButton } from '../add-product/add-product-button';
import { EditProductButton } from '../edit-product/edit-product-button';
import { BILLING_FREQUENCIES } from '../shared/product-fields';

const FREQUENCY_NAMES = Object.fromEntries(BILLING_FREQUENCIES.map(({ value, label }) => [value, label]));

/** The reseller's Catalog: its products with price and cost, Add product, and Edit on each row. */
export default function ProductsPage() {
  const resellerId = useSessionUser()?.resellerId ?? '';
  const pages = useCursorPages();
  const reseller = useQuery({
    queryKey: ['reseller', resellerId],
    queryFn: async () => unwrap(await api.GET('/api/v1/resellers/{resellerId}', { params: { path: { resellerId } } })),
    enabled: resellerId !== '',
  });
  const products = useQuery({
    queryKey: ['catalog-products', ...pages.key],
    queryFn: async () =>
      unwrap(await api.GET('/api/v1/catalog/products', { params: { query: { ...pages.query } } })),
    placeholderData: keepPreviousData,
  });
  const rows = useDeferredRows(products.data?.items);

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>Catalog</Title>
        <AddProductButton currency={reseller.data?.currency} />
      </Group>
      {products.isError ? (
        <ErrorState title="The catalog could not be loaded" error={products.error} onRetry={() => void products.refetch()} />
      ) : (
        <>
          <DataTable
            aria-label="Catalog"
            withTableBorder
            striped
            highlightOnHover
            minHeight={180}
            fetching={products.isFetching}
            records={rows}
            noRecordsText={products.isPending ? 'Loading the catalog…' : 'No products yet: add the first one'}
            columns={[
              { accessor: 'name', title: 'Name' },
              { accessor: 'vendor', title: 'Vendor', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})` },
              { accessor: 'sku', title: 'SKU', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})`, cellsStyle: () => ({ overflowWrap: 'anywhere' }) },
              {
                accessor: 'billingFrequency',
                title: 'Billing',
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (product) => FREQUENCY_NAMES[product.billingFrequency],
              },
              {
                accessor: 'price',
                title: 'Price',
                textAlign: 'right',
                noWrap: true,
                render: (product) => `${product.price} ${product.currency}`,
              },
              {
                accessor: 'cost',
                title: 'Cost',
                textAlign: 'right',
                noWrap: true,
                visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
                render: (product) => `${product.cost} ${product.currency}`,
              },
              { accessor: 'actions', title: 'Actions', textAlign: 'right', render: (product) => <EditProductButton product={product} /> },
            ]}
          />
          <CursorPager label="Catalog" pages={pages} nextCursor={products.data?.nextCursor} />
        </>
      )}
    </Stack>
  );
}
