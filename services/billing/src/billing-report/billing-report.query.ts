import { formatAmount, MAX_REPORT_MONTHS, maySeeOrganization, type ActorDto, type BillingGrouping, type BillingReport, type BillingReportLine, compareMonths, dateOfDay, formatMonth, monthOfDay, parseMonth, type Day, buildReport } from '@broker/contracts';
import { billableOrganization, currencyOf } from '../shared/billable-organization';
import { REPORT_READERS } from '../shared/billing-access';
import { BillingForbiddenError, BillingOrganizationNotFoundError, InvalidBillingInputError } from '../shared/billing.errors';
import type { BillingReader } from '../shared/billing-read-model';

export interface ReportQuery {
  actor: ActorDto;
  organizationId: string;
  from?: string;
  to?: string;
  groupBy?: BillingGrouping;
}

/**
 * An organization's cost breakdown from billing's projections. Organization users and reseller staff see the same
 * report: nothing before the billing start date, the current month in full, no later month.
 */
export async function queryBillingReport(reader: BillingReader, query: ReportQuery, today: Day): Promise<BillingReport> {
  const { actor, organizationId } = query;
  const organization = await reader.organization(organizationId);
  if (!organization || !organization.registered || !maySeeOrganization(actor, organization)) throw new BillingOrganizationNotFoundError(organizationId);
  if (!REPORT_READERS.includes(actor.role)) throw new BillingForbiddenError('read billing reports');

  const to = query.to ?? formatMonth(monthOfDay(today));
  const from = query.from ?? to;
  const [first, last] = [parseMonth(from), parseMonth(to)];
  if (compareMonths(first, last) > 0) throw new InvalidBillingInputError([{ field: 'to', message: 'to must not be before from' }]);
  if (compareMonths(last, first) >= MAX_REPORT_MONTHS) throw new InvalidBillingInputError([{ field: 'to', message: `A report covers at most ${MAX_REPORT_MONTHS} months` }]);
  const groupBy = query.groupBy ?? 'service';

  const draft = buildReport(billableOrganization(organization), { from: first, to: last, today }, groupBy);
  const reseller = await reader.reseller(organization.resellerId);
  const currency = currencyOf(organization, reseller?.currency ?? null);
  const names = groupBy === 'user' ? await reader.usernames([...new Set(draft.lines.map((l) => l.userId).filter((id): id is string => typeof id === 'string'))]) : new Map<string, string>();
  const lines: BillingReportLine[] = draft.lines.map((line) => ({
    month: line.month,
    productId: line.productId,
    productName: line.productName,
    ...(groupBy === 'user' ? { userId: line.userId ?? null, userName: line.userId ? (names.get(line.userId) ?? null) : null } : {}),
    quantity: line.quantity,
    amount: formatAmount(line.cents, currency),
  }));
  return {
    organizationId,
    currency,
    from,
    to,
    effectiveFrom: dateOfDay(draft.effectiveFrom),
    effectiveTo: dateOfDay(draft.effectiveTo),
    asOf: dateOfDay(today),
    groupBy,
    lines,
    total: formatAmount(draft.totalCents, currency),
  };
}
