import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';

export class LogoutBody {
  @ApiPropertyOptional({ description: 'End every session of the user (sign out everywhere), not only this one', default: false })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}
