export * from './billing.rpc';
export * from './accrual';
