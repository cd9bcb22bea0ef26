import type { Deadline } from './duration';

/**
 * The SLA and money rules an order workflow is started with. They travel in the workflow input, so a
 * configuration change applies to new orders and never rewrites the timers of running ones.
 */
export interface OrderPolicy {
  reminderAfterMs: number;
  secondReminderAfterMs: number;
  escalateAfterMs: number;
  supplierShipDeadline: Deadline;
  holdingPeriodMs: number;
  notFoundAlertAfterMs: number;
  commissionRate: number;
  customerDeliveredEmail: boolean;
}
