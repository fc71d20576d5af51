export * from './approval-policy.rpc';
export * from './approvals.events';
export * from './money';
export * from './transaction.rpc';
export * from './approval-chains.rpc';
export * from './out-of-office.rpc';
export * from './budgets.rpc';
