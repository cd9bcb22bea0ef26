// The worker's activities, built from their dependencies so tests can pass real or fake ones (STYLE §9).
import { log } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Pool } from 'pg';
import type { PrismaClient } from '../src/db/prismaClient';
import type { OrderPolicy } from '../src/domain/orderPolicy';
import type { Mailer } from '../src/mail/mailer';
import { watchSmtpServer } from '../src/mail/smtpServerWatch';
import type { Track17Client } from '../src/tracking/track17Client';
import { createEmailActivities } from './emails';
import { createIntakeRepairActivities } from './intakeRepair';
import { createOrderRecordActivities } from './orderRecords';
import { createOutboxRelayActivities } from './outboxRelay';
import { createRetentionSweepActivities } from './retentionSweep';
import { type StorefrontWebhook, createStorefrontWebhookActivities } from './storefrontWebhooks';
import { createTrackingActivities } from './tracking';
import { createTrackingRefreshActivities } from './trackingRefresh';

export interface ActivityDeps {
  prisma: PrismaClient;
  /** The pool Prisma runs on, for the hand-written SQL of the hot paths (src/db/sql). */
  pool: Pool;
  /** The email outbox's own connections, see src/db/outboxSend.ts. */
  outboxPool: Pool;
  mailer: Mailer;
  track17: Track17Client;
  /** For the tracking refresh, which signals orders, and the intake repair, which starts them. */
  temporal: Client;
  /** Where the intake repair starts order workflows, and the policy intake would have given them. */
  taskQueue: string;
  policy: OrderPolicy;
  opsEmail: string;
  publicBaseUrl: string;
  /** The Temporal Web UI's workflow list of this namespace (TEMPORAL_UI_URL), for ops' links; none: no link. */
  temporalUiWorkflowsUrl?: string | undefined;
  /** Where the change feed is posted (STOREFRONT_WEBHOOK_URL); none: the relay does nothing. */
  storefrontWebhook?: StorefrontWebhook | undefined;
  /** Test-only fault injection, see activities/emails.ts. */
  afterEmailSent?: ((key: string) => void | Promise<void>) | undefined;
}

/** Every activity of the order workflow. */
export function createActivities(deps: ActivityDeps) {
  // One watch of the SMTP server for the order emails and the relay: an order email is not tried while the server
  // is silent, and any send the server answers, the relay's included, ends that.
  const smtp = watchSmtpServer(deps.mailer, {
    // Ops' one line for the whole outage, beside each email's own "deferred" warning.
    onChange(change) {
      if (change.silent)
        log.error('the SMTP server did not answer: order emails go to the outbox relay, untried, until it does', {
          error: change.error,
        });
      else log.info('the SMTP server answers again: order emails are sent in their turn');
    },
  });
  const emailDeps = { ...deps, mailer: smtp.mailer, afterSend: deps.afterEmailSent };
  return {
    ...createOrderRecordActivities(deps),
    ...createEmailActivities({ ...emailDeps, orderEmailTurn: smtp.orderEmailTurn }),
    ...createOutboxRelayActivities(emailDeps),
    ...createTrackingActivities(deps),
    ...createTrackingRefreshActivities(deps),
    ...createIntakeRepairActivities(deps),
    ...createRetentionSweepActivities(deps),
    ...createStorefrontWebhookActivities(deps),
  };
}
