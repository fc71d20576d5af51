import { DomainError } from '@broker/event-sourcing';

export class ProductNotFoundError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT.NOT_FOUND', `Product ${productId} was not found`);
  }
}

export class ProductAlreadyExistsError extends DomainError {
  constructor(productId: string) {
    super('PRODUCT.ALREADY_EXISTS', `Product ${productId} already exists`);
  }
}

export class DuplicateSkuError extends DomainError {
  constructor(sku: string) {
    super('PRODUCT.DUPLICATE_SKU', `Another product of your catalog has the SKU ${sku}`, { errors: [{ field: 'sku', message: `sku ${sku} is already used in your catalog` }] });
  }
}

export class CatalogForbiddenError extends DomainError {
  constructor(action: string) {
    super('CATALOG.FORBIDDEN', `Your role may not ${action}`);
  }
}
