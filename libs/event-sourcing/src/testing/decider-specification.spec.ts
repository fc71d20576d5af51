import { DomainError } from '../errors/domain-error';
import { DeciderSpecification } from './decider-specification';
import { approvalDecider, ApprovalAlreadyDecidedError, type ApprovalEvent } from './fixtures/approval-decider.fixture';

const spec = DeciderSpecification.for(approvalDecider);
const requested: ApprovalEvent = { type: 'ApprovalRequested', data: { approvalId: 'a-1', amount: 10 } };
const granted: ApprovalEvent = { type: 'ApprovalGranted', data: { approvalId: 'a-1', by: 'u-1' } };

function messageOf(run: () => void): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the specification to fail');
}

describe('DeciderSpecification', () => {
  it('passes when the decider returns exactly the expected events', () => {
    spec.when({ type: 'RequestApproval', approvalId: 'a-1', amount: 10 }).then([requested]);
    spec.given([requested]).when({ type: 'Decide', approvalId: 'a-1', by: 'u-1', approve: true }).then([granted]);
  });

  it('fails with a readable diff naming the differing values when events differ', () => {
    const message = messageOf(() =>
      spec.when({ type: 'RequestApproval', approvalId: 'a-1', amount: 10 }).then([
        { type: 'ApprovalRequested', data: { approvalId: 'a-1', amount: 99 } },
      ]),
    );
    expect(message).toContain('Decider produced other events than expected');
    expect(message).toMatch(/\+\s+amount: 10/);
    expect(message).toMatch(/-\s+amount: 99/);
  });

  it('fails when more or fewer events are produced', () => {
    expect(() => spec.given([requested]).when({ type: 'Decide', approvalId: 'a-1', by: 'u-1', approve: true }).then([])).toThrow(
      /other events than expected/,
    );
  });

  it('accepts a thrown error by class, by class plus check, and by predicate', () => {
    const decideAgain = spec.given([requested, granted]).when({ type: 'Decide', approvalId: 'a-1', by: 'u-2', approve: false });
    decideAgain.thenThrows(ApprovalAlreadyDecidedError);
    decideAgain.thenThrows(DomainError, (error) => error.code === 'APPROVAL.ALREADY_DECIDED');
    decideAgain.thenThrows((error) => error instanceof DomainError && error.details?.approvalId === 'a-1');
  });

  it('fails when the decider does not throw, showing the events it returned', () => {
    const message = messageOf(() => spec.when({ type: 'RequestApproval', approvalId: 'a-1', amount: 10 }).thenThrows(DomainError));
    expect(message).toContain('expected to throw');
    expect(message).toContain('ApprovalRequested');
  });

  it('fails when the decider throws another error, naming it and its code', () => {
    const decideNothing = spec.when({ type: 'Decide', approvalId: 'a-1', by: 'u-1', approve: true });
    expect(messageOf(() => decideNothing.thenThrows(ApprovalAlreadyDecidedError))).toContain(
      'DomainError [APPROVAL.NOT_FOUND]: Nothing to decide, expected an instance of ApprovalAlreadyDecidedError',
    );
    expect(messageOf(() => decideNothing.thenThrows(DomainError, (error) => error.code === 'OTHER'))).toContain('APPROVAL.NOT_FOUND');
    expect(messageOf(() => decideNothing.thenThrows(() => false))).toContain('accepted by the predicate');
  });

  it('refuses to be awaited like a promise', async () => {
    const outcome = spec.when({ type: 'RequestApproval', approvalId: 'a-1', amount: 10 });
    await expect((async () => await (outcome as unknown as Promise<unknown>))()).rejects.toThrow(/not a promise/);
  });
});
