// CPU time used so far by each part of the system, from /proc: where an order's cost goes (API, worker,
// Temporal, PostgreSQL, and this process, which also hosts the SMTP receiver and the 17TRACK fake).
import { readFileSync, readdirSync } from 'node:fs';

const ROLES: [role: string, matches: (cmdline: string) => boolean][] = [
  ['api', (cmd) => cmd.includes('src/main/api.ts')],
  ['worker', (cmd) => cmd.includes('src/main/worker.ts')],
  ['temporal', (cmd) => cmd.includes('server start-dev')],
  // The postmaster (`…/bin/postgres -D …`) as well as its backends (`postgres: …`): the postmaster's reaped
  // children carry the CPU of backends that ended between two readings, which otherwise went negative.
  ['postgres', (cmd) => /(^|\/)postgres[ :]/.test(cmd)],
];
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/**
 * CPU seconds of a process; with `reapedChildren`, plus those of its children that have ended (PostgreSQL's
 * backends end when their connection closes, and would otherwise take their CPU out of the sum).
 */
function processCpuSeconds(pid: string, reapedChildren = false): number {
  // Fields after the ")" that closes the command name: utime, stime, cutime and cstime are the 12th to 15th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .map(Number);
  const own = fields[11]! + fields[12]!;
  return (reapedChildren ? own + fields[13]! + fields[14]! : own) / TICKS_PER_SECOND;
}

/** CPU seconds per role, summed over every live process of that role (and `bench` for this process). */
export function cpuByRole(): Record<string, number> {
  const totals: Record<string, number> = { bench: processCpuSeconds(String(process.pid)) };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      const role = ROLES.find(([, matches]) => matches(cmdline))?.[0];
      // Not for this process: the worker processes it kills and restarts are its children.
      if (role) totals[role] = (totals[role] ?? 0) + processCpuSeconds(pid, true);
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
