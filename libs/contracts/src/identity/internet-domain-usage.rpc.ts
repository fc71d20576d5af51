import { IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * Service-to-service: the organizations service asks, at the moment a domain is removed, whether any user of the
 * organization still has a username in it (removing it then answers 409).
 */
export const InternetDomainUsageRpc = {
  usersInInternetDomain: rpc<UsersInInternetDomainRequest, UsersInInternetDomain>('identity.user.count-in-domain', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN'] }),
} as const;

export class UsersInInternetDomainRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(253)
  domain!: string;
}

export interface UsersInInternetDomain {
  count: number;
}
