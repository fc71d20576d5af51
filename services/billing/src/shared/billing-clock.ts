import { Injectable } from '@nestjs/common';
import { dayOfInstant, type Day } from '@broker/contracts';

/** Today in UTC: it decides the current month (billed in advance to its end). */
@Injectable()
export class BillingClock {
  today(): Day {
    return dayOfInstant(new Date().toISOString());
  }
}
