import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Res, UnsupportedMediaTypeException } from '@nestjs/common';
import {
  ApiAcceptedResponse,
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
import type { Response } from 'express';
import { UserImportJobRpc, type ActorDto } from '@broker/contracts';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { Answers } from '../openapi/answers.decorator';
import { ImportJobAcceptedResponse, ImportJobResponse } from './users-import-jobs.responses';
import { UsersImportJobsService, type ImportJobAccepted, type ImportJobOutcome } from './users-import-jobs.service';
import { MAX_IMPORT_ROWS } from './users-import.service';

const uuidOr404 = new ParseUUIDPipe({ errorHttpStatusCode: 404 });

@ApiTags('users')
@ApiBearerAuth()
@Controller('organizations/:orgId/user-import-jobs')
export class UsersImportJobsController {
  constructor(private readonly jobs: UsersImportJobsService) {}

  @Post()
  @Answers(UserImportJobRpc.stagePart, UserImportJobRpc.start)
  @HttpCode(202)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary: 'Start importing users from a CSV file as a job, and follow its progress',
    description: [
      'The same file, rules and row results as `POST /organizations/{orgId}/users/import`, for files too large for one ' +
        'request: the file is read and checked as a whole now (400 for a file that cannot be read), then the job ' +
        'imports its rows in the background and this answers at once with `202` and the job (`Location` names it).',
      '',
      'Once accepted, the job runs to its end whether or not anyone follows it, and its progress and results are ' +
        'kept: read them with `GET /organizations/{orgId}/user-import-jobs/{jobId}`. Rows are imported once: a ' +
        'job resumed after an interruption creates no user twice, and importing the same file again as a new job ' +
        `reports those rows as existing users. At most ${MAX_IMPORT_ROWS} user rows per file.`,
    ].join('\n'),
  })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'username,firstName,lastName,email,role,password\r\nbo@contoso.com,Bo,Ek,bo@contoso.com,,' } })
  @ApiAcceptedResponse({ type: ImportJobAcceptedResponse, description: 'The job started; `Location` is its address' })
  @ApiBadRequestResponse({ description: 'The file cannot be read as a whole: not CSV, no header, an unknown header, no rows, too many rows' })
  @ApiForbiddenResponse({ description: 'Your role may not add users' })
  @ApiNotFoundResponse({ description: 'No such organization, or one of another tenant' })
  @ApiPayloadTooLargeResponse({ description: 'The file is larger than 20 MB' })
  @ApiUnsupportedMediaTypeResponse({ description: 'The body is not text/csv' })
  async start(
    @CurrentActor() actor: ActorDto,
    @Param('orgId', uuidOr404) organizationId: string,
    @Body() body: unknown,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportJobAccepted> {
    if (typeof body !== 'string') throw new UnsupportedMediaTypeException('Send the file as text/csv');
    const job = await this.jobs.start(actor, organizationId, body);
    response.setHeader('Location', `/api/v1/organizations/${organizationId}/user-import-jobs/${job.id}`);
    return job;
  }

  @Get(':jobId')
  @Answers(UserImportJobRpc.get)
  @Roles('reseller_admin', 'org_admin')
  @ApiOperation({
    summary: 'An import job: its progress and the rows imported or refused so far',
    description: '`processed` of `total` rows have an outcome; `created` and `failed` list them in row order (spreadsheet rows: the header is row 1). Ask again until `status` is no longer `running`.',
  })
  @ApiOkResponse({ type: ImportJobResponse })
  @ApiForbiddenResponse({ description: 'Your role may not add users' })
  @ApiNotFoundResponse({ description: 'No such job in this organization, no such organization, or one of another tenant' })
  get(@CurrentActor() actor: ActorDto, @Param('orgId', uuidOr404) organizationId: string, @Param('jobId', uuidOr404) jobId: string): Promise<ImportJobOutcome> {
    return this.jobs.get(actor, organizationId, jobId);
  }
}
