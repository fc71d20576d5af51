import { IsISO8601, IsUUID } from 'class-validator';
import { ActorDto } from '../auth/actor';
import { ActorField } from '../shared/request-fields';
import { rpc } from '../rpc-contract';

/**
 * An approver's out-of-office period, kept by the approvals service: while it runs, the steps of approval chains that
 * name the approver go to their delegate (who is e-mailed instead, may decide, and is named in the history).
 */
export const OutOfOfficeRpc = {
  get: rpc<OwnOutOfOfficeRequest, OutOfOfficeView>('approvals.out-of-office.get', { errors: ['OUT_OF_OFFICE.FORBIDDEN'] }),
  set: rpc<SetOutOfOfficeRequest, OutOfOfficeView>('approvals.out-of-office.set', { errors: ['OUT_OF_OFFICE.FORBIDDEN'] }),
  clear: rpc<OwnOutOfOfficeRequest, OutOfOfficeView>('approvals.out-of-office.clear', { errors: ['OUT_OF_OFFICE.FORBIDDEN'] }),
} as const;

export class OwnOutOfOfficeRequest {
  @ActorField()
  actor!: ActorDto;
}

export class SetOutOfOfficeRequest extends OwnOutOfOfficeRequest {
  /** From (included), an ISO 8601 date and time. */
  @IsISO8601({ strict: true })
  from!: string;

  /** Until (excluded): after `from`. */
  @IsISO8601({ strict: true })
  to!: string;

  /** A user of the same organization holding at least the approver's role. */
  @IsUUID()
  delegateId!: string;
}

export interface OutOfOfficeView {
  userId: string;
  /** Null while none is set. */
  period: { from: string; to: string; delegateId: string } | null;
}
