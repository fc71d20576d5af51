// What billing offers benchmarks and tests beyond its HTTP API (docs/adr/0024-import-boundaries.md): the projection
// pipeline and its queries, to be measured in-process, and the synthetic histories they run on. Production code never
// imports this file.
export { addMonths, dateOfDay, dayOfInstant, firstDayOfMonth, formatMonth, monthOfDay, type YearMonth } from '@broker/contracts';
export { ensureActiveVersion } from './projections/active-version';
export { billingCollections } from './projections/billing-projections';
export { rebuildBillingProjections } from './projections/rebuild-projections';
export { queryBillingReport } from './billing-report/billing-report.query';
export { BillingReader } from './shared/billing-read-model';
export { queryResellerSummary } from './reseller-summary/reseller-summary.query';
export { describeHistory, syntheticHistory, type SyntheticHistoryOptions } from './tools/synthetic-history';
