import { SetOutOfOfficeRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

/** PUT /me/out-of-office. */
export class SetOutOfOfficeBody extends bodyFromContract(SetOutOfOfficeRequest, {
  from: { format: 'date-time', example: '2026-12-21T00:00:00Z', description: 'From (included)' },
  to: { format: 'date-time', example: '2027-01-04T00:00:00Z', description: 'Until (excluded): after `from`' },
  delegateId: { format: 'uuid', description: 'An active user of your organization holding at least your role (an org admin for an org admin)' },
}) {}
