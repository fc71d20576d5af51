import { Equals, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';

export const ROLES = ['platform_admin', 'reseller_admin', 'org_admin', 'org_billing_admin', 'org_viewer', 'org_user'] as const;
export type Role = (typeof ROLES)[number];
export const ORGANIZATION_ROLES: readonly Role[] = ['org_admin', 'org_billing_admin', 'org_viewer', 'org_user'];

/**
 * Who is calling, as the gateway authenticated them. Every RPC request carries it, and services check role and
 * tenant against it rather than trusting ids elsewhere in the message. It counts only with identity's signed
 * assertion of exactly this actor in the `x-actor-assertion` header, checked before any handler (docs/adr/0019).
 */
export class ActorDto {
  @IsUUID()
  userId!: string;

  @IsIn(ROLES)
  role!: Role;

  @IsOptional()
  @IsUUID()
  resellerId!: string | null;

  @IsOptional()
  @IsUUID()
  organizationId!: string | null;
}

/** The actor used for work the platform does on its own (bootstrap, reactions to events). */
export class SystemActorDto {
  @Equals('system')
  @IsString()
  userId!: 'system';
}
