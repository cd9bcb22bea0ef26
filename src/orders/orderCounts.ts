// How many of a caller's orders wait in each open status, and how many are overdue: the dashboard's tab counts.
// Only open statuses are counted: they are what needs work, and they stay few while the history grows.
import type { PrismaClient } from '../db/prismaClient';
import { OPEN_STATUSES, type OrderStatus } from '../domain/orderStatus';
import type { Caller } from '../http/auth';

export interface OrderCounts {
  /** Orders per open status (every open status present, 0 when none). */
  open: Record<OrderStatus, number>;
  /** Orders still awaiting the supplier purchase past their first reminder (the dashboard's "Overdue"). */
  overdue: number;
}

/** A vendor's own counts; the platform's cover every vendor, or the one `vendorId` names. */
export async function orderCountsFor(
  prisma: PrismaClient,
  caller: Caller,
  query: { vendorId?: string | undefined },
): Promise<OrderCounts> {
  const vendorId = caller.kind === 'vendor' ? caller.vendorId : query.vendorId;
  const [byStatus, overdue] = await Promise.all([
    prisma.order.groupBy({
      by: ['status'],
      where: { status: { in: [...OPEN_STATUSES] }, ...(vendorId && { vendorId }) },
      _count: { _all: true },
    }),
    prisma.order.count({
      where: { status: 'AWAITING_SUPPLIER_ORDER', slaBreached: true, ...(vendorId && { vendorId }) },
    }),
  ]);
  const open = Object.fromEntries(
    OPEN_STATUSES.map((status) => [status, byStatus.find((row) => row.status === status)?._count._all ?? 0]),
  ) as Record<OrderStatus, number>;
  return { open, overdue };
}
