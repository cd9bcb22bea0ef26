// The W3C Server-Timing header: where a request's time went, shown by the browser's devtools (the dashboard's
// requests too) and read by the benchmark to split a vendor action's round trip into its steps.
import type { Response } from 'express';

/** Runs `work` and records its duration under `name`. */
export type Timed = <T>(name: string, work: () => Promise<T>) => Promise<T>;

/** Does not record: for callers with no response to report on. */
export const untimed: Timed = (_name, work) => work();

function entriesOf(res: Response): string[] {
  return ((res.locals.serverTiming as string[] | undefined) ??= []);
}

/** A recorder for `res`; what it records goes out with `setServerTiming`. */
export function serverTiming(res: Response): Timed {
  return async (name, work) => {
    const start = performance.now();
    try {
      return await work();
    } finally {
      entriesOf(res).push(`${name};dur=${(performance.now() - start).toFixed(1)}`);
    }
  };
}

/** Sets the header from what was recorded for `res` so far; call it before the body is sent. */
export function setServerTiming(res: Response): void {
  const entries = entriesOf(res);
  if (entries.length > 0) res.setHeader('Server-Timing', entries.join(', '));
}
