import { NativeSelect, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import type { UseFormReturn } from 'react-hook-form';
import type { components } from '../../api/schema.gen';

type Product = components['schemas']['ProductResponse'];

/** What the add and edit forms hold: the product's fields, amounts as typed. */
export type ProductFields = Pick<Product, 'name' | 'vendor' | 'sku' | 'description' | 'billingFrequency' | 'price' | 'cost'>;

export const PRODUCT_FIELDS = ['name', 'vendor', 'sku', 'description', 'billingFrequency', 'price', 'cost'] as const;

export const EMPTY_PRODUCT: ProductFields = { name: '', vendor: '', sku: '', description: '', billingFrequency: 'monthly', price: '', cost: '' };

export const BILLING_FREQUENCIES: { value: Product['billingFrequency']; label: string }[] = [
  { value: 'monthly', label: 'Monthly' },
  { value: 'annual', label: 'Annual' },
];

// The server checks the currency's number of decimals; the page only checks that it is an amount.
const AMOUNT = { value: /^\d+(\.\d+)?$/, message: 'Enter an amount such as 10.50' };

export function trimmed(fields: ProductFields): ProductFields {
  return { ...fields, name: fields.name.trim(), vendor: fields.vendor.trim(), sku: fields.sku.trim(), description: fields.description.trim(), price: fields.price.trim(), cost: fields.cost.trim() };
}

/** The inputs of a product, shared by Add product and Edit product. */
export function ProductInputs({ form, currency }: { form: UseFormReturn<ProductFields>; currency: string | undefined }) {
  const {
    register,
    formState: { errors },
  } = form;
  const inCurrency = currency ? ` (${currency})` : '';
  return (
    <Stack gap="md">
      <TextInput label="Name" required data-autofocus error={errors.name?.message} {...register('name', { required: 'Enter the product name' })} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput label="Vendor" required error={errors.vendor?.message} {...register('vendor', { required: 'Enter the vendor' })} />
        <TextInput
          label="SKU"
          description="Unique in your catalog, no blanks"
          required
          error={errors.sku?.message}
          {...register('sku', { required: 'Enter the SKU', pattern: { value: /^\S+$/, message: 'A SKU has no blanks' } })}
        />
      </SimpleGrid>
      <Textarea label="Description" autosize minRows={2} error={errors.description?.message} {...register('description')} />
      <NativeSelect label="Billing frequency" data={BILLING_FREQUENCIES} error={errors.billingFrequency?.message} {...register('billingFrequency')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <TextInput
          label={`Price${inCurrency}`}
          description="Sell price per unit per billing period"
          inputMode="decimal"
          required
          error={errors.price?.message}
          {...register('price', { required: 'Enter the price', pattern: AMOUNT })}
        />
        <TextInput
          label={`Cost${inCurrency}`}
          description="Your own cost per unit: never shown to customers"
          inputMode="decimal"
          required
          error={errors.cost?.message}
          {...register('cost', { required: 'Enter the cost', pattern: AMOUNT })}
        />
      </SimpleGrid>
    </Stack>
  );
}
