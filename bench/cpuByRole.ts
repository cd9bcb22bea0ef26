// CPU time used so far by each part of the system, from /proc: where an order's cost goes (API, worker,
// Temporal, PostgreSQL, and this process, which also hosts the SMTP receiver and the 17TRACK fake).
import { readFileSync, readdirSync } from 'node:fs';

const ROLES: [role: string, matches: (cmdline: string) => boolean][] = [
  ['api', (cmd) => cmd.includes('src/main/api.ts')],
  ['worker', (cmd) => cmd.includes('src/main/worker.ts')],
  ['temporal', (cmd) => cmd.includes('server start-dev')],
  ['postgres', (cmd) => cmd.startsWith('postgres')],
];
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function processCpuSeconds(pid: string): number {
  // Fields after the ")" that closes the command name: utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** CPU seconds per role, summed over every live process of that role (and `bench` for this process). */
export function cpuByRole(): Record<string, number> {
  const totals: Record<string, number> = { bench: processCpuSeconds(String(process.pid)) };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const role = ROLES.find(([, matches]) => matches(cmdline))?.[0];
      if (role) totals[role] = (totals[role] ?? 0) + processCpuSeconds(pid);
    } catch {
      // the process ended while we read it
    }
  }
  return totals;
}

/** Milliseconds of CPU per item between two readings, e.g. "api 6.5, worker 12.0, …". */
export function cpuPerItem(before: Record<string, number>, after: Record<string, number>, items: number): string {
  return Object.keys(after)
    .map((role) => `${role} ${((((after[role] ?? 0) - (before[role] ?? 0)) * 1000) / items).toFixed(1)}`)
    .join(', ');
}
