import {
  ApprovalsEvents,
  CatalogEvents,
  IdentityEvents,
  OrganizationsEvents,
  SupportRequestEvents,
  type EventContract,
  type Role,
  type ServiceName,
} from '@broker/contracts';

/** What an event says was done, to what, in one sentence; the actor when the event names it better than its envelope. */
export interface ActivityDescription {
  action: string;
  target: { type: string; id: string | null; name: string | null };
  summary: string;
  /** Overrides the envelope's actor (a sign-in's actor is the user signing in; an approval by policy is `policy`). */
  actorId?: string | null;
  /** The tenant, when the envelope has none but the event names whose it is (a refused sign-in of a known user). */
  tenant?: { resellerId: string | null; organizationId: string | null } | null;
}

/** Names this service has learnt (its directory): a user's display name, an organization's name. */
export interface ActivityNames {
  user(userId: string): Promise<string | null>;
  organization(organizationId: string): Promise<string | null>;
  /** The user's reseller and organization; null when the user is not known here. */
  tenantOfUser(userId: string): Promise<{ resellerId: string | null; organizationId: string | null } | null>;
}

/** How one event type is listed. `describe` is given that event's payload (its contract's type, checked where it is written). */
export interface ActivityDescriber {
  from: Exclude<ServiceName, 'gateway'>;
  contract: EventContract<unknown>;
  describe: (data: unknown, names: ActivityNames) => Promise<ActivityDescription>;
}

function describer<TData>(
  from: ActivityDescriber['from'],
  contract: EventContract<TData>,
  describe: (data: TData, names: ActivityNames) => Promise<ActivityDescription> | ActivityDescription,
): ActivityDescriber {
  // The handler binds this describer to `contract` alone, so the payload it is given is always a TData.
  return { from, contract: contract as EventContract<unknown>, describe: async (data, names) => describe(data as TData, names) };
}

const ROLE_NAMES: Record<Role, string> = {
  platform_admin: 'platform admin',
  reseller_admin: 'reseller admin',
  org_admin: 'organization admin',
  org_billing_admin: 'billing admin',
  org_viewer: 'viewer',
  org_user: 'user',
};

const user = (id: string, name: string | null) => ({ type: 'user', id, name });
const organization = (id: string, name: string | null) => ({ type: 'organization', id, name });
const userName = async (names: ActivityNames, id: string) => (await names.user(id)) ?? id;
const costCentreOf = (costCentre: string | null) => (costCentre === null ? "the organization's budget" : `the budget of cost centre ${costCentre}`);

const TRANSACTION_VERBS = { order: 'an order of', change: 'a quantity change of', cancel: 'a cancellation of' } as const;
const transaction = (d: { transactionId: string; productName: string }) => ({ type: 'transaction', id: d.transactionId, name: d.productName });
const transactionText = (d: { transactionType: 'order' | 'change' | 'cancel'; productName: string; quantity: number; previousQuantity: number }) =>
  d.transactionType === 'cancel'
    ? `${TRANSACTION_VERBS.cancel} ${d.productName} (${d.previousQuantity})`
    : d.transactionType === 'change'
      ? `${TRANSACTION_VERBS.change} ${d.productName} from ${d.previousQuantity} to ${d.quantity}`
      : `${TRANSACTION_VERBS.order} ${d.productName} x ${d.quantity}`;

/**
 * Every integration event the activity log lists, and how. Events not here (the directory's own bookkeeping,
 * subscription changes the catalog applies after an approval, which the approval already lists) are not actions.
 */
export const ACTIVITY_DESCRIBERS: readonly ActivityDescriber[] = [
  // Sign-ins and users (identity).
  describer('identity', IdentityEvents.signedIn, async (d, names) => ({
    action: 'user.signed-in', actorId: d.userId, target: user(d.userId, await names.user(d.userId)), summary: `Signed in${d.clientAddress ? ` from ${d.clientAddress}` : ''}`,
  })),
  describer('identity', IdentityEvents.signInFailed, async (d, names) => ({
    action: 'user.sign-in-failed',
    actorId: d.userId,
    // Refused sign-ins are recorded without a tenant; a known user's is theirs, so their organization sees it.
    tenant: d.userId ? await names.tenantOfUser(d.userId) : null,
    target: user(d.userId ?? '', d.userId ? await names.user(d.userId) : null),
    summary: `Sign-in refused (${d.reason.replace(/_/g, ' ')})${d.clientAddress ? ` from ${d.clientAddress}` : ''}`,
  })),
  describer('identity', IdentityEvents.signedOut, async (d, names) => ({
    action: 'user.signed-out', actorId: d.userId, target: user(d.userId, await names.user(d.userId)), summary: d.everywhere ? 'Signed out of every session' : 'Signed out',
  })),
  describer('identity', IdentityEvents.passwordChanged, async (d, names) => ({
    action: 'user.password-changed',
    target: user(d.userId, await names.user(d.userId)),
    summary: d.changedBy === d.userId ? 'Changed their own password' : `Set the password of ${await userName(names, d.userId)}`,
  })),
  describer('identity', IdentityEvents.userRegistered, (d) => ({
    action: 'user.created', target: user(d.userId, `${d.firstName} ${d.lastName}`.trim() || d.username), summary: `Created user ${d.username} as ${ROLE_NAMES[d.role]}`,
  })),
  describer('identity', IdentityEvents.userChanged, (d) => ({
    action: 'user.changed', target: user(d.userId, `${d.firstName} ${d.lastName}`.trim()), summary: `Changed the details of ${`${d.firstName} ${d.lastName}`.trim()} (${ROLE_NAMES[d.role]})`,
  })),
  describer('identity', IdentityEvents.userDisabled, async (d, names) => ({ action: 'user.disabled', target: user(d.userId, await names.user(d.userId)), summary: `Disabled ${await userName(names, d.userId)}` })),
  describer('identity', IdentityEvents.userEnabled, async (d, names) => ({ action: 'user.enabled', target: user(d.userId, await names.user(d.userId)), summary: `Enabled ${await userName(names, d.userId)}` })),
  describer('identity', IdentityEvents.userDeleted, (d) => ({ action: 'user.deleted', target: user(d.userId, d.username), summary: `Deleted user ${d.username}` })),

  // Resellers and organizations, their settings, domains and support requests (organizations).
  describer('organizations', OrganizationsEvents.resellerCreated, (d) => ({ action: 'reseller.created', target: { type: 'reseller', id: d.resellerId, name: d.name }, summary: `Created reseller ${d.name} (${d.currency})` })),
  describer('organizations', OrganizationsEvents.resellerPropertiesChanged, (d) => ({
    action: 'reseller.properties-changed', target: { type: 'reseller', id: d.resellerId, name: null }, summary: `Changed the reseller's notification and support addresses`,
  })),
  describer('organizations', OrganizationsEvents.organizationCreated, (d) => ({ action: 'organization.created', target: organization(d.organizationId, d.name), summary: `Created organization ${d.name} (${d.primaryDomain})` })),
  describer('organizations', OrganizationsEvents.organizationChanged, (d) => ({ action: 'organization.changed', target: organization(d.organizationId, d.name), summary: `Changed the organization's name or notification address` })),
  describer('organizations', OrganizationsEvents.organizationDomainAdded, async (d, names) => ({
    action: 'organization.domain-added', target: organization(d.organizationId, await names.organization(d.organizationId)), summary: `Added the domain ${d.domain}`,
  })),
  describer('organizations', OrganizationsEvents.organizationDomainRemoved, async (d, names) => ({
    action: 'organization.domain-removed', target: organization(d.organizationId, await names.organization(d.organizationId)), summary: `Removed the domain ${d.domain}`,
  })),
  describer('organizations', OrganizationsEvents.organizationSettingsChanged, async (d, names) => ({
    action: 'organization.settings-changed', target: organization(d.organizationId, await names.organization(d.organizationId)), summary: `Changed the organization's settings (billing from ${d.billingStartDate})`,
  })),
  describer('organizations', SupportRequestEvents.supportRequestCreated, (d) => ({
    action: 'support.requested', target: { type: 'support_request', id: d.supportRequestId, name: d.subject }, summary: `Asked for support: ${d.subject}`,
  })),

  // The catalog and each organization's e-store (catalog).
  describer('catalog', CatalogEvents.productCreated, (d) => ({ action: 'product.created', target: { type: 'product', id: d.productId, name: d.name }, summary: `Added ${d.name} to the catalog at ${d.price} ${d.currency}` })),
  describer('catalog', CatalogEvents.productChanged, (d) => ({ action: 'product.changed', target: { type: 'product', id: d.productId, name: d.name }, summary: `Changed ${d.name} (${d.changedFields.join(', ')})` })),
  describer('catalog', CatalogEvents.storeCurated, async (d, names) => ({
    action: 'store.curated', target: organization(d.organizationId, await names.organization(d.organizationId)), summary: `Set the organization's e-store to ${d.products.length} product${d.products.length === 1 ? '' : 's'}`,
  })),
  describer('catalog', CatalogEvents.licencesAssigned, (d) => ({
    action: 'subscription.licences-assigned', target: { type: 'subscription', id: d.subscriptionId, name: null }, summary: `Assigned the subscription to ${d.userIds.length} user${d.userIds.length === 1 ? '' : 's'} (${d.reason.replace(/_/g, ' ')})`,
  })),

  // Orders, decisions, approval settings and budgets (approvals).
  describer('approvals', ApprovalsEvents.approvalPolicyChanged, (d) => ({
    action: 'approval-policy.changed',
    target: { type: 'organization', id: d.organizationId, name: null },
    summary: `Set the approval policy: approval ${d.approvalRequired ? 'required' : 'not required'}, dynamic approval ${d.dynamicApproval.enabled ? `above ${d.dynamicApproval.annualLimit} a year` : 'off'}`,
  })),
  describer('approvals', ApprovalsEvents.transactionRequested, (d) => ({
    action: 'transaction.requested', target: transaction(d), summary: `Requested ${transactionText(d)}${d.needsApproval ? ', waiting for approval' : ''}`,
  })),
  describer('approvals', ApprovalsEvents.transactionApproved, (d) => ({
    action: 'transaction.approved', actorId: d.byPolicy ? 'policy' : d.decidedBy, target: transaction(d), summary: `Approved ${transactionText(d)}${d.byPolicy ? ' (by the approval policy)' : ''}`,
  })),
  describer('approvals', ApprovalsEvents.transactionRejected, (d) => ({ action: 'transaction.rejected', actorId: d.decidedBy, target: transaction(d), summary: `Rejected ${transactionText(d)}: ${d.reason}` })),
  describer('approvals', ApprovalsEvents.transactionWithdrawn, (d) => ({ action: 'transaction.withdrawn', actorId: d.withdrawnBy, target: transaction(d), summary: `Withdrew ${transactionText(d)}` })),
  describer('approvals', ApprovalsEvents.approvalStepDecided, async (d, names) => ({
    action: d.decision === 'approved' ? 'approval.step-approved' : 'approval.step-rejected',
    actorId: d.decidedBy,
    target: { type: 'transaction', id: d.transactionId, name: null },
    summary: `${d.decision === 'approved' ? 'Approved' : 'Rejected'} step ${d.stepIndex + 1} of the organization's approval${d.onBehalfOf ? ` for ${await userName(names, d.onBehalfOf)}` : ''}${d.reason ? `: ${d.reason}` : ''}`,
  })),
  describer('approvals', ApprovalsEvents.approvalStepOverdue, (d) => ({
    action: d.stage === 'reminder' ? 'approval.reminded' : 'approval.escalated',
    actorId: 'system',
    target: transaction(d),
    summary: `${d.stage === 'reminder' ? 'Reminded the approvers of' : 'Escalated'} step ${d.step.index + 1} of ${transactionText(d)}`,
  })),
  describer('approvals', ApprovalsEvents.budgetChanged, (d) => ({
    action: 'budget.changed',
    target: { type: 'budget', id: d.costCentre === null ? d.organizationId : `${d.organizationId}:${d.costCentre}`, name: d.costCentre },
    summary: `Set ${costCentreOf(d.costCentre)} to ${d.amount}${d.currency ? ` ${d.currency}` : ''} ${d.period}, ${d.overBudget === 'refused' ? 'refusing' : 'asking approval for'} orders over it`,
  })),
  describer('approvals', ApprovalsEvents.budgetRemoved, (d) => ({
    action: 'budget.removed',
    target: { type: 'budget', id: d.costCentre === null ? d.organizationId : `${d.organizationId}:${d.costCentre}`, name: d.costCentre },
    summary: `Removed ${costCentreOf(d.costCentre)}`,
  })),
  describer('approvals', ApprovalsEvents.approvalChainsChanged, async (d, names) => ({
    action: 'approval-chains.changed',
    target: organization(d.organizationId, await names.organization(d.organizationId)),
    summary: `Set the approval chains: ${d.rules.length} rule${d.rules.length === 1 ? '' : 's'}${d.escalation ? ', with reminders and escalation' : ''}`,
  })),
  describer('approvals', ApprovalsEvents.approvalChainsCleared, async (d, names) => ({
    action: 'approval-chains.cleared', target: organization(d.organizationId, await names.organization(d.organizationId)), summary: 'Removed the approval chains',
  })),
  describer('approvals', ApprovalsEvents.outOfOfficeChanged, async (d, names) => ({
    action: 'user.out-of-office-changed',
    actorId: d.userId,
    target: user(d.userId, await names.user(d.userId)),
    summary: d.from && d.to && d.delegateId ? `Out of office from ${d.from} to ${d.to}; ${await userName(names, d.delegateId)} decides meanwhile` : 'Back in office (no out-of-office period)',
  })),
  describer('approvals', ApprovalsEvents.budgetThresholdReached, (d) => ({
    action: 'budget.threshold-reached',
    actorId: 'system',
    target: { type: 'budget', id: d.costCentre === null ? d.organizationId : `${d.organizationId}:${d.costCentre}`, name: d.costCentre },
    summary: `Committed spend reached ${d.threshold} % of ${costCentreOf(d.costCentre)} for ${d.periodKey} (${d.committedSpend} of ${d.budget} ${d.currency})`,
  })),
];

/** The describers of one source service's events. */
export function describersFrom(service: ActivityDescriber['from']): ActivityDescriber[] {
  return ACTIVITY_DESCRIBERS.filter((d) => d.from === service);
}
