import { organizationReaders, type ActorDto, type Role } from '@broker/contracts';
import type { TransactionFacts } from './transaction.events';

/** Who may do what with transactions (api-v1.md, Subscriptions and transactions; Approvals). */
export const TRANSACTION_PERMISSIONS = {
  request: ['reseller_admin', 'org_admin'],
  // Billing admins approve steps of approval chains: they read what they decide.
  read: organizationReaders('reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer'),
  withdraw: ['reseller_admin', 'org_admin'],
  decide: ['reseller_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type TransactionPermission = keyof typeof TRANSACTION_PERMISSIONS;

export function mayDoWithTransactions(actor: Pick<ActorDto, 'role'>, permission: TransactionPermission): boolean {
  return (TRANSACTION_PERMISSIONS[permission] as readonly Role[]).includes(actor.role);
}

/**
 * Whether a transaction exists as far as the actor may know: for its reseller's admins, and for the users of its
 * organization. Anyone else is answered "not found", exactly as for a missing transaction.
 */
export function maySeeTransaction(actor: Pick<ActorDto, 'role' | 'resellerId' | 'organizationId'>, facts: Pick<TransactionFacts, 'resellerId' | 'organizationId'>): boolean {
  switch (actor.role) {
    case 'platform_admin':
      return true;
    case 'reseller_admin':
      return actor.resellerId === facts.resellerId;
    default:
      return actor.resellerId === facts.resellerId && actor.organizationId === facts.organizationId;
  }
}

/** Reseller staff's own requests are approved on request. */
export function isResellerStaff(actor: Pick<ActorDto, 'role'>): boolean {
  return actor.role === 'reseller_admin' || actor.role === 'platform_admin';
}
