import { DomainError } from '@broker/event-sourcing';

/** No such job in this organization (another organization's job is answered the same). */
export class ImportJobNotFoundError extends DomainError {
  constructor(jobId: string) {
    super('USER_IMPORT_JOB.NOT_FOUND', `Import job ${jobId} was not found`);
  }
}

/** The job id is taken by a job of another organization or another actor. */
export class ImportJobConflictError extends DomainError {
  constructor(jobId: string) {
    super('USER_IMPORT_JOB.CONFLICT', `Import job ${jobId} belongs to another import`);
  }
}

/** The job was started before all of its parts were staged. */
export class ImportJobPartsMissingError extends DomainError {
  constructor(jobId: string, missing: readonly number[]) {
    super('USER_IMPORT_JOB.INVALID_PARTS', `Import job ${jobId} lacks parts ${missing.join(', ')}`, { missing });
  }
}
