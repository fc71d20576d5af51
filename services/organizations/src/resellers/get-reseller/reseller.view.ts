import type { ResellerView } from '@broker/contracts';
import type { ResellerState } from '../domain/reseller.decider';
import { ResellerNotFoundError } from '../domain/reseller.errors';

export function toResellerView(state: ResellerState, createdAt: Date | string): ResellerView {
  if (state.status === 'none') throw new ResellerNotFoundError('unknown');
  return {
    id: state.id,
    name: state.name,
    currency: state.currency,
    notificationEmail: state.notificationEmail,
    supportEmail: state.supportEmail,
    createdAt: typeof createdAt === 'string' ? createdAt : createdAt.toISOString(),
  };
}
