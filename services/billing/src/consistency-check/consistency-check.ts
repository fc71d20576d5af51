import { formatAmount, type ConsistencyMonth, type ConsistencyReport, compareMonths, dateOfDay, dayOfInstant, formatMonth, monthOfDay, monthsBetween, parseMonth, type Day, type YearMonth, buildReport, monthTotals } from '@broker/contracts';
import { comparePositions, parsePosition, type EventStore } from '@broker/event-sourcing';
import { projectionCheckpointName, type DocumentStore } from '@broker/read-models';
import { billingProjections, type BillingCollections } from '../projections/billing-projections';
import type { OrganizationBillingDocument } from '../projections/organization-billing.projection';
import { billingOrganizationStreamId } from '../recording/billing-events';
import { billableOrganization, currencyOf } from '../shared/billable-organization';
import { recomputeFromHistory } from './domain/recompute-from-history';

/** Attempts at reading a document and its checkpoint unchanged by a batch in between. */
const MAX_READ_ATTEMPTS = 10;

/**
 * Recomputes an organization's monthly totals from its event history (independently, day by day) and compares them
 * with what the projection gives (revenue and cost, and the total grouped by user). The projection is compared at
 * its own checkpoint: only the events it has applied are recomputed, so a lagging projection is not "inconsistent".
 */
export class ConsistencyCheck {
  constructor(
    private readonly events: EventStore,
    private readonly documents: DocumentStore,
  ) {}

  /** Null when the projection does not know the organization. */
  async check(collections: BillingCollections, organizationId: string, today: Day): Promise<ConsistencyReport | null> {
    const checkpointName = projectionCheckpointName(billingProjections(collections.version).organizations);
    const { document, checkpoint } = await this.readAtCheckpoint(collections, organizationId, checkpointName);
    if (!document || checkpoint === null) return null;
    const applied = parsePosition(checkpoint);
    const history = (await this.events.readStream(billingOrganizationStreamId(organizationId))).filter((e) => comparePositions(e.position, applied) <= 0);

    const recomputed = recomputeFromHistory(history.map((e) => ({ type: e.type, data: e.data })), dateOfDay(today));
    const organization = billableOrganization(document);
    const currency = currencyOf(document, null);
    const money = (cents: bigint) => formatAmount(cents, currency);
    const months = this.monthsToCompare(document, [...recomputed.keys()], today);
    const compared: ConsistencyMonth[] = months.map((month) => {
      const key = formatMonth(month);
      const fromHistory = recomputed.get(key) ?? { revenueCents: 0n, costCents: 0n };
      const fromProjection = monthTotals(organization, month, today);
      const byUser = buildReport(organization, { from: month, to: month, today }, 'user').totalCents;
      return {
        month: key,
        history: { revenue: money(fromHistory.revenueCents), cost: money(fromHistory.costCents) },
        projection: { revenue: money(fromProjection.revenueCents), cost: money(fromProjection.costCents), byUser: money(byUser) },
        consistent: fromHistory.revenueCents === fromProjection.revenueCents && fromHistory.costCents === fromProjection.costCents && byUser === fromProjection.revenueCents,
      };
    });
    return {
      organizationId,
      version: collections.version,
      eventsCompared: history.length,
      asOf: dateOfDay(today),
      months: compared,
      consistent: compared.every((m) => m.consistent),
    };
  }

  /** The document and the checkpoint it belongs to: batches commit both together, so an unchanged checkpoint around the read pins it. */
  private async readAtCheckpoint(collections: BillingCollections, organizationId: string, checkpointName: string) {
    for (let attempt = 0; ; attempt++) {
      const before = await this.documents.checkpoints.read(checkpointName);
      const document = (await this.documents.get<OrganizationBillingDocument>(collections.organizations, organizationId))?.data ?? null;
      const checkpoint = await this.documents.checkpoints.read(checkpointName);
      if (before === checkpoint) return { document, checkpoint };
      if (attempt >= MAX_READ_ATTEMPTS) throw new Error(`The projection ${checkpointName} kept moving while it was read`);
    }
  }

  /** Ids of every organization the projection knows, for checking them all. */
  async organizationIds(collections: BillingCollections): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<DocumentStore['find']>> = await this.documents.find(collections.organizations, { limit: 500, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((d) => d.id));
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  /** From the earliest month either side knows a charge or change in, through the current month. */
  private monthsToCompare(document: OrganizationBillingDocument, historyMonths: string[], today: Day): YearMonth[] {
    const candidates = [...historyMonths.map(parseMonth), ...document.subscriptions.flatMap((s) => s.changes.map((c) => monthOfDay(dayOfInstant(c.at))))];
    if (candidates.length === 0) return [];
    const first = candidates.reduce((a, b) => (compareMonths(a, b) <= 0 ? a : b));
    return monthsBetween(first, monthOfDay(today));
  }
}
