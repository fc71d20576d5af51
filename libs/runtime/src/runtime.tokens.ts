/** Nest injection tokens for what every backing service gets from its runtime. */
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const SERVICE_RUNTIME = Symbol('SERVICE_RUNTIME');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const LOGGER = Symbol('LOGGER');
