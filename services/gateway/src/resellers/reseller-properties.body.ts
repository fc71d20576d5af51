import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class ResellerPropertiesBody {
  @ApiProperty({ example: 'approvals@reseller.example', description: 'Receives approval requests' })
  @IsEmail()
  @MaxLength(254)
  notificationEmail!: string;

  @ApiProperty({ example: 'support@reseller.example', description: 'Receives support requests' })
  @IsEmail()
  @MaxLength(254)
  supportEmail!: string;
}
