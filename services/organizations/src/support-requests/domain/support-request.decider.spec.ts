import { DeciderSpecification } from '@broker/event-sourcing/testing';
import { supportRequestDecider } from './support-request.decider';
import { SupportRequestAlreadyExistsError } from './support-request.errors';

const spec = DeciderSpecification.for(supportRequestDecider);
const at = new Date('2026-03-16T09:00:00Z');
const subscription = { subscriptionId: 's-1', productId: 'p-1', productName: 'Backup', quantity: 3, status: 'active' as const };
const fields = {
  supportRequestId: 'sr-1',
  resellerId: 'r-1',
  organizationId: 'o-1',
  organizationName: 'Contoso',
  subject: 'Backup fails',
  message: 'Since Monday.',
  subscription,
};
const created = {
  type: 'SupportRequestCreated' as const,
  data: { ...fields, requestedBy: 'u-1', createdAt: at.toISOString() },
};

describe('support request decider', () => {
  it('records a request with the requester and the time', () => {
    spec.when({ type: 'CreateSupportRequest', data: fields, actorId: 'u-1', at }).then([created]);
  });

  it('keeps the subject on one line and trims the message, keeping its line breaks', () => {
    spec
      .when({ type: 'CreateSupportRequest', data: { ...fields, subject: '  Backup\r\n  fails\t', message: '\n Line one\r\nLine two \n\n' }, actorId: 'u-1', at })
      .then([{ ...created, data: { ...created.data, subject: 'Backup fails', message: 'Line one\nLine two' } }]);
  });

  it('may be about no subscription', () => {
    spec
      .when({ type: 'CreateSupportRequest', data: { ...fields, subscription: null }, actorId: 'u-1', at })
      .then([{ ...created, data: { ...created.data, subscription: null } }]);
  });

  it('records a retried request once, and refuses the same id to someone else', () => {
    spec.given([created]).when({ type: 'CreateSupportRequest', data: fields, actorId: 'u-1', at }).then([]);
    spec.given([created]).when({ type: 'CreateSupportRequest', data: fields, actorId: 'u-2', at }).thenThrows(SupportRequestAlreadyExistsError);
  });
});
