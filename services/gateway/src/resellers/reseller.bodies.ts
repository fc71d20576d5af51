import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsPlainText } from '@broker/contracts';

export class NewAdminBody {
  @ApiProperty({ example: 'Anna' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  firstName!: string;

  @ApiProperty({ example: 'Berg' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @IsPlainText()
  lastName!: string;

  @ApiProperty({ example: 'anna@reseller.example' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  @IsPlainText()
  username!: string;

  @ApiProperty({ example: 'anna.berg@reseller.example' })
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1024)
  password!: string;
}

export class CreateResellerBody {
  @ApiProperty({ example: 'Northwind Cloud' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsPlainText()
  name!: string;

  @ApiProperty({ example: 'EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a three-letter ISO 4217 code such as EUR' })
  currency!: string;

  @ApiProperty({ example: 'approvals@reseller.example' })
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @ApiProperty({ example: 'support@reseller.example' })
  @IsEmail()
  @MaxLength(254)
  supportEmail!: string;

  @ApiProperty({ type: NewAdminBody })
  @ValidateNested()
  @Type(() => NewAdminBody)
  admin!: NewAdminBody;
}
