import { IsIn, IsUUID, Matches, MaxLength } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField, PageCursorField, PageLimitField } from '../shared/request-fields';
import type { Page } from './reseller.rpc';
import { rpc } from '../rpc-contract';

/**
 * Support accesses (docs/adr/0023-recorded-support-access.md): the platform admin may read every organization, and
 * the gateway records each such read with the organizations service before it serves it. The organization's reseller
 * admins and its org admins list them.
 */
export const SupportAccessRpc = {
  record: rpc<RecordSupportAccessRequest, { recorded: true }>('organizations.support-access.record', { errors: ['ORGANIZATION.NOT_FOUND', 'SUPPORT_ACCESS.FORBIDDEN'] }),
  list: rpc<ListSupportAccessesRequest, Page<SupportAccessView>>('organizations.support-access.list', { errors: ['ORGANIZATION.NOT_FOUND', 'SUPPORT_ACCESS.FORBIDDEN', 'SUPPORT_ACCESS.INVALID_CURSOR'] }),
} as const;

export const SUPPORT_ACCESS_METHODS = ['GET', 'HEAD'] as const;
export type SupportAccessMethod = (typeof SUPPORT_ACCESS_METHODS)[number];

/** A route template of the API, such as `/organizations/{orgId}/users/{userId}`: never a path with ids in it. */
export const SUPPORT_ACCESS_ROUTE_PATTERN = /^\/organizations\/\{orgId\}(\/([a-z][a-z-]*|\{[A-Za-z]+\}))*$/;

export class RecordSupportAccessRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** Chosen by the gateway per read, so a retried request records nothing twice. */
  @IsUUID()
  supportAccessId!: string;

  @IsIn(SUPPORT_ACCESS_METHODS)
  method!: SupportAccessMethod;

  @MaxLength(200)
  @Matches(SUPPORT_ACCESS_ROUTE_PATTERN, { message: 'route must be a route template under /organizations/{orgId}' })
  route!: string;
}

export class ListSupportAccessesRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @PageLimitField()
  limit?: number;

  @PageCursorField()
  cursor?: string;
}

export interface SupportAccessView {
  id: string;
  organizationId: string;
  /** The user id of the platform admin who read. */
  accessedBy: string;
  method: SupportAccessMethod;
  route: string;
  /** The correlation id of the HTTP request (its `x-correlation-id`), which every log line of that request carries. */
  correlationId: string | null;
  accessedAt: string;
}
