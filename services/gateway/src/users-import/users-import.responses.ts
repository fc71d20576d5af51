import { ApiProperty } from '@nestjs/swagger';
import type { FailedImportRow, ImportedUser, ImportFieldError } from '@broker/contracts';
import { Documents } from '../openapi/documents-contract';
import type { ImportUsersOutcome } from './users-import.service';

@Documents<ImportedUser>()
export class ImportedUserResponse {
  @ApiProperty({ example: 2, description: 'Row number as a spreadsheet shows it: the header is row 1, the first user row is row 2' })
  row!: number;

  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'anna@contoso.com' })
  username!: string;
}

@Documents<ImportFieldError>()
export class ImportFieldErrorResponse {
  @ApiProperty({ example: 'username', description: 'username, firstName, lastName, email, role, password, or row for the row as a whole' })
  field!: string;

  @ApiProperty({ example: 'a user with this username already exists' })
  message!: string;
}

@Documents<FailedImportRow>()
export class FailedImportRowResponse {
  @ApiProperty({ example: 5, description: 'Row number as a spreadsheet shows it: the header is row 1, the first user row is row 2' })
  row!: number;

  @ApiProperty({ type: [ImportFieldErrorResponse], description: 'Every problem of the row at once' })
  errors!: ImportFieldErrorResponse[];
}

@Documents<ImportUsersOutcome>()
export class ImportUsersResponse {
  @ApiProperty({ enum: ['template', 'microsoft365'], description: 'The format the header row was recognised as' })
  format!: ImportUsersOutcome['format'];

  @ApiProperty({ type: [ImportedUserResponse], description: 'Users created, in row order' })
  created!: ImportedUserResponse[];

  @ApiProperty({ type: [FailedImportRowResponse], description: 'Rows not imported, in row order, each with its reasons' })
  failed!: FailedImportRowResponse[];
}
