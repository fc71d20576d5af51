import { Body, Controller, Headers, HttpCode, Param, ParseUUIDPipe, Post, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { UserImportRpc, type ActorDto } from '@broker/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { ImportUsersResponse } from './users-import.responses';
import { MAX_IMPORT_ROWS, UsersImportService, type ImportUsersOutcome } from './users-import.service';
import { Answers } from '../openapi/answers.decorator';

const TEMPLATE_EXAMPLE = [
  'username,firstName,lastName,email,role,password',
  'anna@contoso.com,Anna,Berg,anna.berg@contoso.com,org_admin,Correct-Horse-7-Battery',
  'bo@contoso.com,Bo,Ek,bo@contoso.com,,',
].join('\r\n');

@ApiTags('users')
@ApiBearerAuth()
@Controller('organizations/:orgId/users/import')
export class UsersImportController {
  constructor(private readonly imports: UsersImportService) {}

  @Post()
  @Answers(UserImportRpc.importChunk)
  @HttpCode(200)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary: 'Import users from a CSV file: our template or the Microsoft 365 admin center "Export users" file as it comes',
    description: [
      'The header row tells the format apart.',
      '',
      '**Our template**: `username,firstName,lastName,email,role,password`, in any order. `role` (default `org_user`) and ' +
        '`password` may be left out. A user imported without a password has no credential and cannot log in until an ' +
        'admin sets one; no password is ever invented.',
      '',
      '**Microsoft 365 "Export users"**: "User principal name" becomes the username (lower case); "First name" and ' +
        '"Last name" the names, taken from "Display name" when empty; the contact e-mail is a mail column when present, ' +
        'else the primary SMTP address of "Proxy addresses", else the user principal name. Every other column is ' +
        'ignored. Users get the role `org_user` and no password.',
      '',
      'RFC 4180 CSV: quoted fields with commas, doubled quotes and line breaks; a UTF-8 byte order mark; CRLF or LF. ' +
        'A file saved with semicolons as separators is read too.',
      '',
      '**Row numbers** are those a spreadsheet shows: the header is row 1, the first user is row 2; blank lines are ' +
        'skipped but keep their numbers. Every row is validated on its own (all its problems at once: fields, password ' +
        "policy, the username's domain, a username repeated earlier in the file, an existing username); good rows are " +
        'created, bad rows are listed with their reasons. Importing the same file again creates no duplicates: those ' +
        `rows fail as existing users. At most ${MAX_IMPORT_ROWS} user rows per file.`,
    ].join('\n'),
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: TEMPLATE_EXAMPLE } })
  @ApiOkResponse({ type: ImportUsersResponse })
  @ApiBadRequestResponse({ description: 'The file cannot be read as a whole: not CSV, no header, an unknown header, no rows, too many rows' })
  @ApiForbiddenResponse({ description: 'Your role may not add users' })
  @ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv' })
  importUsers(@CurrentActor() actor: ActorDto, @Param('orgId', new ParseUUIDPipe({ errorHttpStatusCode: 404 })) organizationId: string, @Body() body: unknown, @Headers('authorization') authorization?: string): Promise<ImportUsersOutcome> {
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException('Send the file as text/csv');
    return this.imports.importCsv(actor, organizationId, body, authorization);
  }
}
