/**
 * Integration events are the published language between services. Their `type` is versioned
 * (`organizations.reseller-created.v1`); a new shape is a new version, never an edit of an old one.
 */
export interface IntegrationEventEnvelope<Data = Record<string, unknown>> {
  /** Equals the id of the internal event it was mapped from, so retries are recognisable everywhere. */
  id: string;
  type: string;
  /** ISO 8601 UTC. */
  occurredAt: string;
  correlationId: string;
  causationId: string;
  resellerId: string | null;
  organizationId: string | null;
  /**
   * Who caused it: the user whose request it was, `system` for the platform's own work, null when unknown (events
   * published before the field existed lack it: read as null).
   */
  actorId?: string | null;
  data: Data;
}
