// Durations as written in configuration: `30s`, `10m`, `24h`, `14d`, and `5bd` (business days) where a
// deadline should skip weekends. Pure, so the workflow can use it too.

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A wait that is either a fixed length or a number of business days (Monday-Friday, UTC). */
export type Deadline = { kind: 'duration'; ms: number } | { kind: 'businessDays'; days: number };

/** Parses `30s` / `10m` / `24h` / `14d` / `250ms` into milliseconds, or returns undefined. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  if (!match) return undefined;
  const unit = match[2]!.toLowerCase() as keyof typeof UNIT_MS;
  const ms = Math.round(Number(match[1]) * UNIT_MS[unit]);
  return ms > 0 ? ms : undefined;
}

/** Parses a duration or a business-day count (`5bd`), or returns undefined. */
export function parseDeadline(text: string): Deadline | undefined {
  const businessDays = /^\s*(\d+)\s*bd\s*$/i.exec(text);
  if (businessDays) {
    const days = Number(businessDays[1]);
    return days > 0 ? { kind: 'businessDays', days } : undefined;
  }
  const ms = parseDurationMs(text);
  return ms === undefined ? undefined : { kind: 'duration', ms };
}

/** The instant `deadline` after `fromMs`; business days skip Saturdays and Sundays (UTC). */
export function deadlineAt(fromMs: number, deadline: Deadline): number {
  if (deadline.kind === 'duration') return fromMs + deadline.ms;
  const at = new Date(fromMs);
  let remaining = deadline.days;
  while (remaining > 0) {
    at.setUTCDate(at.getUTCDate() + 1);
    const weekday = at.getUTCDay();
    if (weekday !== 0 && weekday !== 6) remaining -= 1;
  }
  return at.getTime();
}

/** `ms` as a whole number of the largest of `units` that divides it evenly, or undefined when none does. */
function inWholeUnits<Unit extends string>(
  ms: number,
  units: readonly (readonly [Unit, number])[],
): [count: number, unit: Unit] | undefined {
  const unit = units.find(([, size]) => ms >= size && ms % size === 0);
  return unit && [ms / unit[1], unit[0]];
}

/** Formats milliseconds the way configuration writes them, for logs and emails. */
export function formatDuration(ms: number): string {
  const whole = inWholeUnits(ms, [
    ['d', UNIT_MS.d],
    ['h', UNIT_MS.h],
    ['m', UNIT_MS.m],
    ['s', UNIT_MS.s],
  ]);
  return whole ? `${whole[0]}${whole[1]}` : `${ms}ms`;
}

/**
 * Milliseconds in words for the people who read emails: "24 hours", "1 hour", "90 minutes", "20 seconds". The
 * largest unit that divides it evenly, so a minute-long demo policy does not read "within 0 hours".
 */
export function describeDuration(ms: number): string {
  const whole = inWholeUnits(ms, [
    ['hour', UNIT_MS.h],
    ['minute', UNIT_MS.m],
    ['second', UNIT_MS.s],
  ]);
  const [count, unit] = whole ?? (ms > UNIT_MS.s ? [Math.round(ms / UNIT_MS.s), 'second'] : [ms, 'millisecond']);
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}
