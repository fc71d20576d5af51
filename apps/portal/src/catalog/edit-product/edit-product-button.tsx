import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import type { components } from '../../api/schema.gen';
import { showApiErrors } from '../../shared/form-errors';
import { PRODUCT_FIELDS, ProductInputs, trimmed, type ProductFields } from '../shared/product-fields';

type Product = components['schemas']['ProductResponse'];
type ProductPage = components['schemas']['ProductListResponse'];

/** A row's Edit: changes the fields the person changed (PATCH), nothing else. */
export function EditProductButton({ product }: { product: Product }) {
  const [opened, { open, close }] = useDisclosure();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button size="compact-sm" variant="light" onClick={open} aria-label={`Edit ${product.name}`}>
        Edit
      </Button>
      <Modal opened={opened} onClose={close} title={`Edit ${product.name}`} fullScreen={phone} closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
        <EditProductForm product={product} onDone={close} />
      </Modal>
    </>
  );
}

function EditProductForm({ product, onDone }: { product: Product; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ProductFields>({ defaultValues: product });
  const { dirtyFields, isDirty, isSubmitting } = form.formState;

  const save = form.handleSubmit(async (fields) => {
    setFailure(null);
    const all = trimmed(fields);
    const changes = Object.fromEntries(PRODUCT_FIELDS.filter((field) => dirtyFields[field]).map((field) => [field, all[field]]));
    try {
      const saved = unwrap(await api.PATCH('/api/v1/catalog/products/{productId}', { params: { path: { productId: product.id } }, body: changes }));
      // The list is a read model: show the answered product in it at once, and fetch it again later.
      queryClient.setQueriesData<ProductPage>({ queryKey: ['catalog-products'] }, (page) =>
        page ? { ...page, items: page.items.map((item) => (item.id === saved.id ? saved : item)) } : page,
      );
      void queryClient.invalidateQueries({ queryKey: ['catalog-products'], refetchType: 'none' });
      notifications.show({ color: 'green', title: 'Saved', message: `${saved.name} is saved.` });
      onDone();
    } catch (error) {
      setFailure(showApiErrors(error, form.setError, PRODUCT_FIELDS));
    }
  });

  return (
    <form onSubmit={(event) => void save(event)} noValidate aria-label={`Edit ${product.name}`}>
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <ProductInputs form={form} currency={product.currency} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={isSubmitting} disabled={!isDirty}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
