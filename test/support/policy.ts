import type { OrderPolicy } from '../../src/domain/orderPolicy';

/** Production defaults, as config.ts gives them. */
export const DEFAULT_POLICY: OrderPolicy = {
  reminderAfterMs: 24 * 3_600_000,
  secondReminderAfterMs: 48 * 3_600_000,
  escalateAfterMs: 72 * 3_600_000,
  supplierShipDeadline: { kind: 'businessDays', days: 5 },
  holdingPeriodMs: 14 * 86_400_000,
  notFoundAlertAfterMs: 7 * 86_400_000,
  commissionRate: 0.1,
  customerDeliveredEmail: true,
};
