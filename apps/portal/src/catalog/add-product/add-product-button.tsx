import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { api, idempotencyKey } from '../../api/api-client';
import { unwrap } from '../../api/problem';
import { showApiErrors } from '../../shared/form-errors';
import { refetchUntilListed } from '../../shared/refetch-until-listed';
import { EMPTY_PRODUCT, PRODUCT_FIELDS, ProductInputs, trimmed, type ProductFields } from '../shared/product-fields';

/** "Add product": a new product of the reseller's catalog. */
export function AddProductButton({ currency }: { currency: string | undefined }) {
  const [opened, { open, close }] = useDisclosure();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <>
      <Button onClick={open}>Add product</Button>
      <Modal opened={opened} onClose={close} title="Add product" fullScreen={phone} closeButtonProps={{ 'aria-label': 'Close' }} size="lg">
        <AddProductForm currency={currency} onDone={close} />
      </Modal>
    </>
  );
}

function AddProductForm({ currency, onDone }: { currency: string | undefined; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<string | null>(null);
  const form = useForm<ProductFields>({ defaultValues: EMPTY_PRODUCT });

  const add = form.handleSubmit(async (fields) => {
    setFailure(null);
    try {
      const created = unwrap(await api.POST('/api/v1/catalog/products', { params: { header: { 'Idempotency-Key': idempotencyKey() } }, body: trimmed(fields) }));
      notifications.show({ color: 'green', title: 'Product added', message: `${created.name} is in your catalog.` });
      onDone();
      void refetchUntilListed(queryClient, ['catalog-products'], created.id);
    } catch (error) {
      setFailure(showApiErrors(error, form.setError, PRODUCT_FIELDS));
    }
  });

  return (
    <form onSubmit={(event) => void add(event)} noValidate aria-label="Add product">
      <Stack gap="md">
        {failure && (
          <Alert color="red" role="alert">
            {failure}
          </Alert>
        )}
        <ProductInputs form={form} currency={currency} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone} disabled={form.formState.isSubmitting}>
            Cancel
          </Button>
          <Button type="submit" loading={form.formState.isSubmitting}>
            Add
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
