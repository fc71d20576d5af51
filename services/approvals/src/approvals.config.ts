import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { BaseServiceConfig } from '@broker/platform';

/** The approvals service: how often it looks for overdue approval steps, and the clock it judges them by. */
export class ApprovalsConfig extends BaseServiceConfig {
  /** How often the leading replica looks for pending approval steps whose reminder, escalation or rejection is due. */
  @IsInt({ message: 'APPROVAL_TIMERS_INTERVAL_MS must be an integer between 50 and 3600000' })
  @Min(50, { message: 'APPROVAL_TIMERS_INTERVAL_MS must be an integer between 50 and 3600000' })
  @Max(3_600_000, { message: 'APPROVAL_TIMERS_INTERVAL_MS must be an integer between 50 and 3600000' })
  APPROVAL_TIMERS_INTERVAL_MS = 30_000;

  /**
   * For tests and drills only: a file holding a number of milliseconds the approval-step timers add to the machine's
   * clock, read at every look, so time can be moved forward without waiting. Unset in production.
   */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  APPROVALS_CLOCK_OFFSET_FILE?: string;
}
