import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, Matches } from 'class-validator';
import { IsInternetDomainName, IsPlainText } from '@broker/contracts';

export class CreateOrganizationBody {
  @ApiProperty({ example: 'Contoso Ltd' })
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  @ApiProperty({ example: 'contoso.com', description: 'Stored lower-cased; unique across the platform (409 when another organization has it)' })
  @IsInternetDomainName()
  primaryDomain!: string;

  @ApiProperty({ example: 'it@contoso.com' })
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;
}

export class ChangeOrganizationBody {
  @ApiPropertyOptional({ example: 'Contoso Group' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  @IsPlainText()
  name?: string;

  @ApiPropertyOptional({ example: 'it@contoso.com' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  notificationEmail?: string;
}

export class AddDomainBody {
  @ApiProperty({
    example: 'contoso.de',
    description:
      'Stored lower-cased. Added by a reseller admin: verified at once, unique across the platform (409 when another organization has it). Added by an organization admin: pending until proven by DNS or approved by the reseller',
  })
  @IsInternetDomainName()
  domain!: string;
}
