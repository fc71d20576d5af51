/**
 * An impossible request, refused by a decider (a business outcome is an event, not an error).
 * `code` is stable (`APPROVAL.ALREADY_DECIDED`) so the gateway can map it to a status.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
