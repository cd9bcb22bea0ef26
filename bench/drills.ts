// `npm run drills`: scripted fault drills against the service as deployed (API and worker processes, Temporal
// dev server with a state file, embedded PostgreSQL, SMTP catcher, 17TRACK fake). Each prints PASS or FAIL
// with what it saw; the command exits non-zero if any fails. `-- --quick` uses smaller counts, `--only=kill,…`
// runs some drills (duplicates, fuzz, 17track, kill, postgres, postgres-freeze, postgres-failover, smtp, smtp-hang,
// temporal-freeze, temporal, api-kill, scale-out), `--kills=N` kills the worker N times in drill 1. Each drill is in
// bench/drills/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DevServer } from '../src/temporal/devServer';
import { startStorefrontReceiver } from '../test/support/storefrontReceiver';
import { startHarness } from './harness';
import { drillApiKills } from './drills/apiKills';
import { type DrillRun, newVendor } from './drills/drillKit';
import { drillDuplicates } from './drills/duplicates';
import { drillPostgresFailover } from './drills/failover';
import { drillPostgresFrozen, drillTemporalFrozen } from './drills/freezes';
import { drillFuzzer } from './drills/fuzzer';
import { drillPostgresOutage } from './drills/postgresOutage';
import { drillScaleOut } from './drills/scaleOut';
import { drillSmtpHang } from './drills/smtpHang';
import { drillSmtpOutage } from './drills/smtpOutage';
import { drillTemporalRestart } from './drills/temporalRestart';
import { drill17TrackFailures } from './drills/track17Failures';
import { drillWorkerKills } from './drills/workerKills';

const quick = process.argv.includes('--quick');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const killCount = Number(process.argv.find((arg) => arg.startsWith('--kills='))?.slice('--kills='.length) ?? 4);
const results: { drill: string; pass: boolean; detail: string }[] = [];
const STOREFRONT_SECRET = 'drills-storefront-secret-0123456789abcdef';

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dropship-drills-'));
  const dbFile = join(dataDir, 'temporal.sqlite');
  // The storefront's webhook endpoint: drill 1 checks that every order event reaches it through the kills.
  const storefront = await startStorefrontReceiver(STOREFRONT_SECRET);
  const h = await startHarness({
    name: 'drills',
    env: {
      HOLDING_PERIOD: '3s',
      STOREFRONT_WEBHOOK_URL: storefront.url,
      STOREFRONT_WEBHOOK_SECRET: STOREFRONT_SECRET,
    },
    temporalDbFile: dbFile,
    forceEmbeddedPostgres: true,
  });
  const drillRun: DrillRun = {
    h,
    storefront,
    quick,
    record(drill, pass, detail) {
      results.push({ drill, pass, detail });
      console.log(`${pass ? 'PASS' : 'FAIL'}  ${drill}: ${detail}`);
    },
  };
  let restarted: DevServer | undefined;
  const run = (name: string) => !only || only.split(',').includes(name);
  try {
    const vendorA = await newVendor(h, 'Drill vendor A');
    const vendorB = await newVendor(h, 'Drill vendor B');
    if (run('duplicates')) await drillDuplicates(drillRun, vendorA);
    if (run('fuzz')) await drillFuzzer(drillRun, vendorA, vendorB);
    if (run('17track')) await drill17TrackFailures(drillRun, vendorA);
    if (run('kill')) await drillWorkerKills(drillRun, vendorA, killCount);
    if (run('postgres')) await drillPostgresOutage(drillRun, vendorA);
    if (run('postgres-freeze')) await drillPostgresFrozen(drillRun, vendorA);
    if (run('postgres-failover')) await drillPostgresFailover(drillRun, vendorA);
    if (run('smtp')) await drillSmtpOutage(drillRun, vendorA);
    if (run('smtp-hang')) await drillSmtpHang(drillRun, vendorA);
    // Before the restart drill, which replaces the server the harness started.
    if (run('temporal-freeze')) await drillTemporalFrozen(drillRun, vendorA);
    if (run('temporal')) restarted = await drillTemporalRestart(drillRun, vendorA, dbFile);
    if (run('api-kill')) await drillApiKills(drillRun, vendorA);
    if (run('scale-out')) await drillScaleOut(drillRun, vendorA);
  } finally {
    await h.stop().catch(() => undefined);
    await restarted?.stop();
    await storefront.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log('\n| drill | verdict | what was seen |\n| --- | --- | --- |');
  for (const r of results) console.log(`| ${r.drill} | ${r.pass ? 'PASS' : 'FAIL'} | ${r.detail} |`);
  if (results.some((r) => !r.pass)) process.exitCode = 1;
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error('drills failed to run:', error);
    process.exit(2);
  },
);
