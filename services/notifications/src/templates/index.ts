export * from './approval-decided.template';
export * from './approval-requested.template';
export * from './formatting';
export * from './html';
export * from './mail-layout';
export * from './support-request.template';
export * from './welcome.template';
