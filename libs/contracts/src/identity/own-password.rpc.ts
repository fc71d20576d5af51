import { Type } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';

/** Any user changes their own password (PUT /me/password). */
export const OwnPasswordRpc = {
  change: 'identity.user.change-own-password',
} as const;

export class ChangeOwnPasswordRequest {
  @ValidateNested()
  @Type(() => ActorDto)
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
