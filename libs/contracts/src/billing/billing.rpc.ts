import { IsEmail, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, ExpectedVersionsField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';
import { IsPlainText } from '../shared/plain-text';

/**
 * Billing (api-v1.md, Billing). Reports and the reseller summary are computed from the billing service's own
 * projections, which it builds from integration events; billing details are the billing service's own data.
 * Readers of reports and details: reseller_admin, org_admin, org_viewer, org_billing_admin. Writers of details:
 * reseller_admin, org_admin, org_billing_admin. Summary: reseller_admin. Another tenant's organization or reseller
 * answers BILLING.NOT_FOUND, exactly like a missing one.
 */
export const BillingRpc = {
  report: rpc<BillingReportRequest, BillingReport>('billing.report.get', { errors: ['ORGANIZATION.NOT_FOUND', 'BILLING.NOT_FOUND', 'BILLING.FORBIDDEN'] }),
  summary: rpc<ResellerSummaryRequest, ResellerSummary>('billing.summary.get', { errors: ['BILLING.NOT_FOUND', 'BILLING.FORBIDDEN'] }),
  getDetails: rpc<BillingDetailsRequest, BillingDetailsView>('billing.details.get', { errors: ['ORGANIZATION.NOT_FOUND', 'BILLING.FORBIDDEN'] }),
  setDetails: rpc<SetBillingDetailsRequest, BillingDetailsView>('billing.details.set', { errors: ['ORGANIZATION.NOT_FOUND', 'BILLING.FORBIDDEN', 'BILLING_DETAILS.VERSION_MISMATCH'] }),
  checkConsistency: rpc<ConsistencyCheckRequest, ConsistencyReport>('billing.consistency.check', { errors: ['BILLING.NOT_FOUND', 'BILLING.FORBIDDEN'] }),
} as const;

export const BILLING_GROUPINGS = ['service', 'user'] as const;
export type BillingGrouping = (typeof BILLING_GROUPINGS)[number];

/** `YYYY-MM` with a real month. */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A report covers at most this many months. */
export const MAX_REPORT_MONTHS = 120;

export class BillingReportRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** First month; defaults to `to`. */
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'from must be a month written YYYY-MM' })
  from?: string;

  /** Last month; defaults to the current month (UTC). */
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'to must be a month written YYYY-MM' })
  to?: string;

  @IsOptional()
  @IsIn(BILLING_GROUPINGS)
  groupBy?: BillingGrouping;
}

/**
 * One line of a report: a month and product (grouped by service), or a month, product and user (grouped by user;
 * `userId` null is the line of seats assigned to nobody).
 */
export interface BillingReportLine {
  month: string;
  productId: string;
  productName: string;
  /** Only when grouped by user; null for the unassigned seats. */
  userId?: string | null;
  /** Only when grouped by user: the user's username when billing knows it, else null. */
  userName?: string | null;
  /** The most seats charged on any day of the month (summed over the product's subscriptions). */
  quantity: number;
  /** A decimal in `currency`, with its number of decimals. */
  amount: string;
}

export interface BillingReport {
  organizationId: string;
  currency: string | null;
  from: string;
  to: string;
  /** The first date charged: the first day of `from`, or the billing start date when that is later. `YYYY-MM-DD`. */
  effectiveFrom: string;
  /** The last date charged: the last day of `to`, or of the current month when `to` is later. `YYYY-MM-DD`. */
  effectiveTo: string;
  /** The UTC date the report was computed on (it decides the current month). */
  asOf: string;
  groupBy: BillingGrouping;
  lines: BillingReportLine[];
  /** The sum of the lines. */
  total: string;
}

export class ResellerSummaryRequest {
  @ActorField()
  actor!: ActorDto;

  /** Defaults to the current month (UTC). */
  @IsOptional()
  @Matches(MONTH_PATTERN, { message: 'month must be a month written YYYY-MM' })
  month?: string;

  /** Defaults to the actor's reseller; another reseller answers BILLING.NOT_FOUND. */
  @IsOptional()
  @IsUUID()
  resellerId?: string;
}

export interface MonthAmounts {
  revenue: string;
  cost: string;
  margin: string;
}

export interface ResellerSummaryItem extends MonthAmounts {
  organizationId: string;
  organizationName: string;
}

export interface ResellerSummary {
  resellerId: string;
  currency: string | null;
  month: string;
  asOf: string;
  items: ResellerSummaryItem[];
  totals: MonthAmounts;
}

export class BillingDetailsRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

const VISIBLE = /\S/;

/** "Set to": the organization's billing details afterwards. */
export class SetBillingDetailsRequest extends BillingDetailsRequest {
  @IsString()
  @Matches(VISIBLE, { message: 'billingContactName must not be empty' })
  @MaxLength(200)
  @IsPlainText()
  billingContactName!: string;

  @IsEmail({}, { message: 'billingEmail must be an e-mail address' })
  @MaxLength(254)
  billingEmail!: string;

  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(100)
  @IsPlainText()
  purchaseOrderReference?: string | null;

  @IsString()
  @Matches(VISIBLE, { message: 'invoiceAddress must not be empty' })
  @MaxLength(1000)
  @IsPlainText({ multiline: true })
  invoiceAddress!: string;

  /** If-Match: the details' `version`s under which the change may happen (absent: any). */
  @ExpectedVersionsField()
  expectedVersions?: string[];
}

/** Fields are null until someone sets them. */
export interface BillingDetailsView {
  organizationId: string;
  billingContactName: string | null;
  billingEmail: string | null;
  purchaseOrderReference: string | null;
  invoiceAddress: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  /** Changes exactly when the details change, read from their stream ("0" while never set). Opaque: compare it, never parse it. */
  version: string;
}

export class ConsistencyCheckRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;
}

export interface ConsistencyMonth {
  month: string;
  /** Recomputed from the organization's event history, day by day. */
  history: { revenue: string; cost: string };
  /** From the projection, as reports compute it (`byUser`: the total of the report grouped by user). */
  projection: { revenue: string; cost: string; byUser: string };
  consistent: boolean;
}

export interface ConsistencyReport {
  organizationId: string;
  /** The projection version checked. */
  version: number;
  /** The events compared: the organization's history up to the projection's checkpoint. */
  eventsCompared: number;
  asOf: string;
  months: ConsistencyMonth[];
  consistent: boolean;
}
