import type { Decider } from '@broker/event-sourcing';
import type { ProductEvent, ProductFields } from './product.events';
import { ProductAlreadyExistsError, ProductNotFoundError } from './product.errors';

/** Fields a change may set; money already normalised to the currency's decimals. */
export type ProductChanges = Partial<Pick<ProductFields, 'name' | 'vendor' | 'sku' | 'description' | 'billingFrequency' | 'price' | 'cost'>>;

export type ProductCommand =
  | { type: 'CreateProduct'; data: ProductFields; actorId: string; at: Date }
  | { type: 'ChangeProduct'; data: { productId: string; changes: ProductChanges }; actorId: string; at: Date };

export type ProductState = { status: 'none' } | ({ status: 'active'; createdAt: string; updatedAt: string } & ProductFields);

const CHANGEABLE = ['name', 'vendor', 'sku', 'description', 'billingFrequency', 'price', 'cost'] as const;

export const productDecider: Decider<ProductCommand, ProductEvent, ProductState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    const at = command.at.toISOString();
    switch (command.type) {
      case 'CreateProduct':
        if (state.status !== 'none') throw new ProductAlreadyExistsError(command.data.productId);
        return [{ type: 'ProductCreated', data: { ...command.data, createdBy: command.actorId, createdAt: at } }];
      case 'ChangeProduct': {
        if (state.status === 'none') throw new ProductNotFoundError(command.data.productId);
        const { changes } = command.data;
        const changedFields = CHANGEABLE.filter((field) => changes[field] !== undefined && changes[field] !== state[field]);
        if (changedFields.length === 0) return [];
        const { status: _status, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = state;
        const after: ProductFields = { ...fields };
        for (const field of changedFields) Object.assign(after, { [field]: changes[field] });
        return [{ type: 'ProductChanged', data: { ...after, changedFields: [...changedFields], changedBy: command.actorId, changedAt: at } }];
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ProductCreated': {
        const { createdBy: _createdBy, createdAt, ...fields } = event.data;
        return { status: 'active', ...fields, createdAt, updatedAt: createdAt };
      }
      case 'ProductChanged': {
        if (state.status === 'none') return state;
        const { changedFields: _fields, changedBy: _by, changedAt, ...fields } = event.data;
        return { ...state, ...fields, updatedAt: changedAt };
      }
    }
  },
};
