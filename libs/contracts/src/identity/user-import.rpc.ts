import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, ValidateNested } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * CSV import of users. The gateway reads the file (our template or the Microsoft 365 "Export users" file), maps
 * each data row to the fields below and sends the rows to identity in chunks, so each NATS message stays small.
 * Identity validates every row on its own (all of its field errors at once) and creates the good ones.
 */
export const UserImportRpc = {
  importChunk: rpc<ImportUsersChunkRequest, ImportUsersResult>('identity.user.import-chunk', { errors: ['ORGANIZATION.NOT_FOUND', 'USER.FORBIDDEN'] }),
} as const;

/** Rows per request: a chunk of 250 rows stays far below the NATS payload limit even with long values. */
export const USER_IMPORT_CHUNK_ROWS = 250;

/**
 * Longest value a row field may carry on the wire. Values are clipped to this length before sending; it is above
 * every field's own limit (a password of more than 1024 characters is at most 2048 UTF-16 units), so a clipped
 * value is still reported as too long.
 */
export const USER_IMPORT_MAX_VALUE_LENGTH = 2100;

/** One data row as read from the file. Values are raw text (trimmed); identity judges them. */
export class ImportUserRowDto {
  /** The row number as a spreadsheet shows it (the header is row 1, the first data row is row 2). */
  @IsInt()
  @Min(1)
  row!: number;

  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  username!: string;

  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  firstName!: string;

  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  lastName!: string;

  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  email!: string;

  /** A role id (`org_user`, `org_admin`...); the file's empty role is sent as `org_user`. */
  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  role!: string;

  /** Absent: the user gets no credential and cannot log in until an admin sets a password. */
  @IsOptional()
  @IsString()
  @MaxLength(USER_IMPORT_MAX_VALUE_LENGTH)
  password?: string;

  /** The same username appears in this earlier row of the file: this row fails and is never created. */
  @IsOptional()
  @IsInt()
  @Min(1)
  repeatsRow?: number;
}

export class ImportUsersChunkRequest {
  @ActorField()
  actor!: ActorDto;

  @IsUUID()
  organizationId!: string;

  /** One id per uploaded file: user ids derive from it and the row number, so a retried chunk creates nothing twice. */
  @IsUUID()
  importId!: string;

  /** May be empty: the gateway then only checks that the actor may import into the organization. */
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ImportUserRowDto)
  @ArrayMaxSize(USER_IMPORT_CHUNK_ROWS)
  rows!: ImportUserRowDto[];
}

export interface ImportFieldError {
  /** `username`, `firstName`, `lastName`, `email`, `role`, `password` or `row`. */
  field: string;
  message: string;
}

export interface ImportedUser {
  row: number;
  id: string;
  username: string;
}

export interface FailedImportRow {
  row: number;
  errors: ImportFieldError[];
}

export interface ImportUsersResult {
  created: ImportedUser[];
  failed: FailedImportRow[];
}
