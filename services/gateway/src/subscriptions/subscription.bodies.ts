import { SetAssignmentsRequest } from '@broker/contracts';
import { bodyFromContract } from '../openapi/body-from-contract';

/** PUT /organizations/{orgId}/subscriptions/{subscriptionId}/assignments: the holders afterwards ("set to"). */
export class AssignmentsBody extends bodyFromContract(SetAssignmentsRequest, {
  userIds: { description: 'Users of the organization who hold a licence afterwards; at most the quantity' },
}) {}
