// A duration an email's details carry from the workflow, in words. The workflow passes milliseconds
// (`targetMs`, `waitingMs`); emails scheduled before it did carry whole hours (`targetHours`, `waitingHours`),
// which a retry of such an email still finds.
import { describeDuration } from '../domain/duration';

/** `details[<name>Ms]` in words, else `details[<name>Hours]` hours, else `defaultHours` hours. */
export function durationDetail(
  details: Record<string, string>,
  name: 'target' | 'waiting',
  defaultHours: number,
): string {
  const ms = Number(details[`${name}Ms`]);
  if (Number.isInteger(ms) && ms > 0) return describeDuration(ms);
  const hours = Number(details[`${name}Hours`]);
  return describeDuration((Number.isFinite(hours) && hours > 0 ? hours : defaultHours) * 3_600_000);
}
