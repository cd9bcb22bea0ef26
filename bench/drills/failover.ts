// Drill 3c: PostgreSQL fails over mid-run. For 60 s the database takes only reads, its connections dropped as a
// failover drops them, so every one opened meanwhile is on a server that refuses writes (25006), as connections
// to a demoted primary are while DNS still names it. Then it takes writes again and those connections stay as they
// were, while new ones reach the writable server: the pools must let go of them by themselves. Judged as drills
// 2b and 3b are: every answer in time (a success, or a 503 with its code), then every order completes, every email
// arrives once, every event reaches the storefront.
import { type DrillRun, type Vendor } from './drillKit';
import { drillFrozen } from './freezes';

export async function drillPostgresFailover(run: DrillRun, vendor: Vendor): Promise<void> {
  const { infra } = run.h;
  await drillFrozen(run, vendor, {
    drill: '3c. PostgreSQL read-only (a failover) mid-run, its connections left there after',
    frozenMs: 60_000,
    pause: () => infra.setDatabaseReadOnly(true, { dropConnections: true }),
    resume: () => infra.setDatabaseReadOnly(false, { dropConnections: false }),
  });
}
