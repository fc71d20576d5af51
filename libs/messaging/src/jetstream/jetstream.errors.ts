/** A JetStream message whose payload is not an integration-event envelope. Code: MESSAGING.INVALID_ENVELOPE. */
export class InvalidEnvelopeError extends Error {
  readonly code = 'MESSAGING.INVALID_ENVELOPE';
  constructor(readonly reason: string) {
    super(`Not an integration event envelope: ${reason}`);
    this.name = 'InvalidEnvelopeError';
  }
}

/** Invalid construction options of a publisher or consumer. Code: MESSAGING.INVALID_OPTIONS. */
export class InvalidMessagingOptionsError extends Error {
  readonly code = 'MESSAGING.INVALID_OPTIONS';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidMessagingOptionsError';
  }
}
