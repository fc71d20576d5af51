import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { nameBasedId, type ImportedUser, type ImportFieldError, type ImportUserRowDto, type ImportUsersChunkRequest, type ImportUsersResult, type FailedImportRow } from '@broker/contracts';
import { DomainError } from '@broker/event-sourcing';
import { LOGGER, SERVICE_CONFIG } from '@broker/runtime';
import type { IdentityConfig } from '../../identity.config';
import {
  CreateOrganizationUserHandler,
  type NewOrganizationUser,
  type OrganizationUserContext,
} from '../../users/create-organization-user/create-organization-user.handler';
import { ConcurrencyLimit } from '../concurrency-limit';
import { distinctErrors, importRowErrors, isRole } from '../domain/import-row.rules';

type RowOutcome = { created: ImportedUser } | { failed: FailedImportRow };

const USERNAME_EXISTS = 'a user with this username already exists';

/**
 * Imports one chunk of rows of a CSV file into an organization. The organization is looked up once per chunk (its
 * domains at this moment; 404 for another tenant, 403 for a role that may not add users), then every row is
 * validated on its own and created when good. Rows run under process-wide concurrency limits: one for all rows
 * (each holds a database connection), a smaller one for rows with a password, because hashing it runs on the
 * libuv thread pool that logins need too.
 */
@Injectable()
export class ImportUsersHandler {
  /** Rows in flight in this process, over all imports. */
  private readonly rows: ConcurrencyLimit;
  /** Of those, rows that hash a password (the libuv thread pool is shared with logins). */
  private readonly hashing: ConcurrencyLimit;

  constructor(
    private readonly organizationUsers: CreateOrganizationUserHandler,
    @Inject(SERVICE_CONFIG) config: IdentityConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.rows = new ConcurrencyLimit(config.USER_IMPORT_CONCURRENCY);
    this.hashing = new ConcurrencyLimit(config.USER_IMPORT_HASHING_CONCURRENCY);
  }

  async importChunk(request: ImportUsersChunkRequest): Promise<ImportUsersResult> {
    const started = Date.now();
    const context = await this.organizationUsers.prepare(request.actor, request.organizationId);
    // A row with a password first waits for a hashing place, then for a row place, always in that order.
    const outcomes = await Promise.all(
      request.rows.map((row) => {
        const run = () => this.rows.run(() => this.importRow(context, request.importId, row));
        return row.password === undefined ? run() : this.hashing.run(run);
      }),
    );
    const result: ImportUsersResult = { created: [], failed: [] };
    for (const outcome of outcomes) {
      if ('created' in outcome) result.created.push(outcome.created);
      else result.failed.push(outcome.failed);
    }
    this.logger.info(
      {
        importId: request.importId,
        organizationId: request.organizationId,
        rows: request.rows.length > 0 ? `${request.rows[0]!.row}-${request.rows[request.rows.length - 1]!.row}` : 'none',
        created: result.created.length,
        failed: result.failed.length,
        ms: Date.now() - started,
      },
      'Imported a chunk of users',
    );
    return result;
  }

  private async importRow(context: OrganizationUserContext, importId: string, row: ImportUserRowDto): Promise<RowOutcome> {
    const user: NewOrganizationUser = newUserOf(importId, row);
    const errors = importRowErrors(row);
    try {
      await this.organizationUsers.check(context, user);
    } catch (error) {
      const rowErrors = rowErrorsOf(error);
      if (!rowErrors) return this.unexpected(row, error);
      errors.push(...rowErrors);
    }
    if (errors.length > 0) {
      // Registration stops at its first kind of problem; the row should also say when a user of this organization
      // has the name already (a holder elsewhere is never named: the username error says the same for both).
      if (row.username !== '' && !errors.some((e) => e.message === USERNAME_EXISTS) && (await this.isTakenInOrganization(context, user))) {
        errors.push({ field: 'username', message: USERNAME_EXISTS });
      }
      return { failed: { row: row.row, errors: distinctErrors(errors) } };
    }
    try {
      const created = await this.organizationUsers.create(context, user);
      return { created: { row: row.row, id: created.id, username: created.username } };
    } catch (error) {
      // The user id is this row's own: an earlier try of the same import created it, and its answer was lost.
      if (error instanceof DomainError && error.code === 'USER.ALREADY_EXISTS') return { created: { row: row.row, id: user.userId, username: user.username.toLowerCase() } };
      const rowErrors = rowErrorsOf(error);
      if (!rowErrors) return this.unexpected(row, error);
      return { failed: { row: row.row, errors: distinctErrors(rowErrors) } };
    }
  }

  private async isTakenInOrganization(context: OrganizationUserContext, user: NewOrganizationUser): Promise<boolean> {
    try {
      return await this.organizationUsers.isTakenInOrganization(context, user);
    } catch {
      return false; // not a valid username at all: its own error says so already
    }
  }

  private unexpected(row: ImportUserRowDto, error: unknown): RowOutcome {
    this.logger.error({ err: error, row: row.row }, 'Importing a user row failed unexpectedly');
    return { failed: { row: row.row, errors: [{ field: 'row', message: 'The user could not be created; import the file again to retry this row' }] } };
  }
}



/**
 * The user a row describes. Its id derives from the import and the row, so a chunk sent again after a lost answer
 * finishes the same users instead of failing them as taken. An unknown role is checked as org_user here; the
 * row's own error names the bad role.
 */
export function newUserOf(importId: string, row: ImportUserRowDto): NewOrganizationUser {
  return {
    userId: nameBasedId(`user-import:${importId}:${row.row}`),
    username: row.username,
    firstName: row.firstName,
    lastName: row.lastName,
    email: row.email,
    role: isRole(row.role) ? row.role : 'org_user',
    password: row.password,
  };
}

/** The row's field errors from a registration failure, or null for a failure that is not about the row. */
function rowErrorsOf(error: unknown): ImportFieldError[] | null {
  if (!(error instanceof DomainError)) return null;
  if (error.code === 'USER.DUPLICATE_USERNAME') return [{ field: 'username', message: USERNAME_EXISTS }];
  if (error.code === 'VALIDATION') {
    const errors = (error.details as { errors?: unknown } | undefined)?.errors;
    if (Array.isArray(errors)) return errors.filter((e): e is ImportFieldError => typeof e?.field === 'string' && typeof e?.message === 'string');
  }
  return null;
}
