import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { DataTable } from 'mantine-datatable';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useParams } from 'react-router';
import { api } from '../../api/api-client';
import { ApiError, unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { showApiErrors } from '../../shared/form-errors';
import { ErrorState, LoadingState } from '../../shared/query-states';

type Product = components['schemas']['ProductResponse'];
type Store = components['schemas']['StoreResponse'];

interface Offer {
  productId: string;
  offered: boolean;
  /** The organization's own price; empty: the catalog price applies. */
  price: string;
}

interface CurationFields {
  offers: Offer[];
}

/** The API's page size limit: the whole catalog is read in pages of it. */
const CATALOG_PAGE = 500;

async function wholeCatalog(): Promise<Product[]> {
  const products: Product[] = [];
  let cursor: string | null = null;
  do {
    const page: components['schemas']['ProductListResponse'] = unwrap(await api.GET('/api/v1/catalog/products', { params: { query: { limit: CATALOG_PAGE, ...(cursor ? { cursor } : {}) } } }));
    products.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return products;
}

/**
 * An organization's e-store: which products of the catalog it offers, each at the catalog price or an organization
 * price. The store answers the price it sells at; one that differs from the catalog's is the organization's own.
 */
function toFields(catalog: Product[], store: Store): CurationFields {
  const sold = new Map(store.items.map((item) => [item.productId, item.price]));
  return {
    offers: catalog.map((product) => {
      const price = sold.get(product.id);
      return { productId: product.id, offered: price !== undefined, price: price !== undefined && price !== product.price ? price : '' };
    }),
  };
}

export default function CurateStorePage() {
  const { orgId = '' } = useParams();
  const organization = useQuery({
    queryKey: ['organization', orgId],
    queryFn: async () => unwrap(await api.GET('/api/v1/organizations/{orgId}', { params: { path: { orgId } } })),
  });
  const catalog = useQuery({ queryKey: ['catalog-products', 'all'], queryFn: wholeCatalog });
  // The store comes with its ETag: a save sends it as If-Match, so a change made meanwhile is not overwritten.
  const store = useQuery({
    queryKey: ['organization-store', orgId],
    queryFn: async () => {
      const result = await api.GET('/api/v1/organizations/{orgId}/store', { params: { path: { orgId } } });
      return { store: unwrap(result), etag: result.response.headers.get('ETag') };
    },
  });

  for (const [query, title] of [
    [organization, 'The organization could not be loaded'],
    [catalog, 'The catalog could not be loaded'],
    [store, 'The e-store could not be loaded'],
  ] as const)
    if (query.isError) return <ErrorState title={title} error={query.error} onRetry={() => void query.refetch()} />;
  if (!organization.data || !catalog.data || !store.data) return <LoadingState label="Loading the e-store" />;

  return (
    <Stack gap="md">
      <Anchor component={Link} to={`/organizations/${orgId}`} size="sm">
        ← {organization.data.name}
      </Anchor>
      <div>
        <Title order={2}>E-store of {organization.data.name}</Title>
        <Text size="sm" c="dimmed">
          Tick the products the organization may order. An organization price replaces the catalog price for it; leave it empty for the catalog price.
        </Text>
      </div>
      <CurationForm orgId={orgId} catalog={catalog.data} store={store.data.store} etag={store.data.etag} />
    </Stack>
  );
}

function CurationForm({ orgId, catalog, store, etag: initialEtag }: { orgId: string; catalog: Product[]; store: Store; etag: string | null }) {
  const queryClient = useQueryClient();
  const [etag, setEtag] = useState(initialEtag);
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    watch,
    handleSubmit,
    setError,
    reset,
    formState: { errors, isSubmitting, isDirty },
  } = useForm<CurationFields>({ defaultValues: toFields(catalog, store) });
  const offers = watch('offers');

  useEffect(() => setEtag(initialEtag), [initialEtag]);

  const save = handleSubmit(async (fields) => {
    setFailure(null);
    // The API numbers the products of the body; the form numbers the whole catalog.
    const offered = fields.offers.flatMap((offer, index) => (offer.offered ? [{ offer, index }] : []));
    const result = await api.PUT('/api/v1/organizations/{orgId}/store', {
      params: { path: { orgId }, header: etag ? { 'If-Match': etag } : {} },
      body: { products: offered.map(({ offer }) => ({ productId: offer.productId, ...(offer.price.trim() ? { price: offer.price.trim() } : {}) })) },
    });
    try {
      const saved = unwrap(result);
      const savedEtag = result.response.headers.get('ETag');
      setEtag(savedEtag);
      reset(toFields(catalog, saved));
      queryClient.setQueryData(['organization-store', orgId], { store: saved, etag: savedEtag });
      notifications.show({ color: 'green', title: 'Saved', message: `The e-store offers ${saved.items.length} product(s).` });
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFailure('Someone changed this e-store meanwhile. Reload the page to see their change, then save again.');
        return;
      }
      const priceFields = offered.map(({ index }) => `offers.${index}.price` as const);
      const renumbered =
        error instanceof ApiError && error.problem?.errors
          ? new ApiError(error.status, {
              ...error.problem,
              errors: error.problem.errors.map(({ field, message }) => ({ field: field.replace(/^products\.(\d+)\.price$/, (_, n: string) => priceFields[Number(n)] ?? field), message })),
            })
          : error;
      setFailure(showApiErrors(renumbered, setError, priceFields));
    }
  });

  const offeredCount = offers.filter((offer) => offer.offered).length;
  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-label="E-store products">
      <Stack gap="sm">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <DataTable
          aria-label="Catalog products"
          withTableBorder
          striped
          minHeight={180}
          records={catalog}
          noRecordsText="Your catalog has no products yet: add them under Catalog"
          columns={[
            {
              accessor: 'offered',
              title: 'Offered',
              width: 90,
              render: (product, index) => <Checkbox aria-label={`Offer ${product.name}`} {...register(`offers.${index}.offered`)} />,
            },
            { accessor: 'name', title: 'Product', cellsStyle: () => ({ overflowWrap: 'anywhere' }) },
            { accessor: 'vendor', title: 'Vendor', visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.md})` },
            {
              accessor: 'price',
              title: 'Catalog price',
              textAlign: 'right',
              noWrap: true,
              visibleMediaQuery: (theme) => `(min-width: ${theme.breakpoints.sm})`,
              render: (product) => `${product.price} ${product.currency}`,
            },
            {
              accessor: 'organizationPrice',
              title: 'Organization price',
              width: 170,
              render: (product, index) => (
                <TextInput
                  aria-label={`Organization price of ${product.name}`}
                  placeholder={product.price}
                  inputMode="decimal"
                  size="xs"
                  disabled={!offers[index]?.offered}
                  error={errors.offers?.[index]?.price?.message}
                  {...register(`offers.${index}.price`, { pattern: { value: /^\d+(\.\d+)?$/, message: 'Enter an amount such as 9.90' } })}
                />
              ),
            },
          ]}
        />
        <Group justify="space-between">
          <Text size="sm">{offeredCount} of {catalog.length} product(s) offered</Text>
          <Group gap="xs">
            <Button type="button" variant="default" disabled={!isDirty || isSubmitting} onClick={() => reset()}>
              Undo changes
            </Button>
            <Button type="submit" loading={isSubmitting}>
              Save
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
