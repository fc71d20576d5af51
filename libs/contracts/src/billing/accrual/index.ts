// Billing's accrual rules, shared so that what approvals counts as committed spend is what billing will charge.
export * from './calendar';
export * from './subscription-timeline';
export * from './accrual';
export * from './report-lines';
