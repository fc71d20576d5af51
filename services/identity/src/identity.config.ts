import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';

export class IdentityConfig extends BaseServiceConfig {
  /** Signs access and refresh tokens (HS256). */
  @IsString({ message: 'JWT_SECRET must be set to a random string of at least 32 characters' })
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters long' })
  JWT_SECRET!: string;

  @Type(() => Number)
  @IsInt({ message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  @Min(60, { message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  @Max(86400, { message: 'ACCESS_TOKEN_TTL_SECONDS must be an integer between 60 and 86400' })
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt({ message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  @Min(300, { message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  @Max(7776000, { message: 'REFRESH_TOKEN_TTL_SECONDS must be an integer between 300 and 7776000' })
  REFRESH_TOKEN_TTL_SECONDS = 1209600;

  /** The first platform admin, created on the first start only (api-v1.md, Bootstrap). */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  PLATFORM_ADMIN_USERNAME?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1024)
  PLATFORM_ADMIN_PASSWORD?: string;

  @IsIn(['seed', 'nist'], { message: 'PASSWORD_POLICY must be seed or nist' })
  PASSWORD_POLICY: 'seed' | 'nist' = 'seed';
}
