import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/** Any user changes their own password (PUT /me/password). */
export const OwnPasswordRpc = {
  change: rpc<ChangeOwnPasswordRequest, { ok: true }>('identity.user.change-own-password', { errors: ['USER.NOT_FOUND'] }),
} as const;

export class ChangeOwnPasswordRequest {
  @ActorField()
  actor!: ActorDto;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  currentPassword!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  newPassword!: string;
}
