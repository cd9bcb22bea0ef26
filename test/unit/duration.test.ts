import { describe, expect, it } from 'vitest';
import {
  deadlineAt,
  describeDuration,
  formatDuration,
  parseDeadline,
  parseDurationMs,
} from '../../src/domain/duration';

describe('durations', () => {
  it('parses the configuration forms', () => {
    expect(['30s', '10m', '24h', '14d', '250ms', '1.5h'].map(parseDurationMs)).toEqual([
      30_000, 600_000, 86_400_000, 1_209_600_000, 250, 5_400_000,
    ]);
    expect(['', '24', 'h', '-1h', '0s', '1 day'].map(parseDurationMs)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('parses business days and plain durations as deadlines', () => {
    expect(parseDeadline('5bd')).toEqual({ kind: 'businessDays', days: 5 });
    expect(parseDeadline('72h')).toEqual({ kind: 'duration', ms: 259_200_000 });
    expect(parseDeadline('0bd')).toBeUndefined();
  });

  it('skips weekends when counting business days', () => {
    const wednesday = Date.parse('2026-11-25T10:00:00Z');
    expect(new Date(deadlineAt(wednesday, { kind: 'businessDays', days: 5 })).toISOString()).toBe(
      '2026-12-02T10:00:00.000Z',
    );
    const friday = Date.parse('2026-11-27T18:00:00Z');
    expect(new Date(deadlineAt(friday, { kind: 'businessDays', days: 1 })).toISOString()).toBe(
      '2026-11-30T18:00:00.000Z',
    );
    const saturday = Date.parse('2026-11-28T09:00:00Z');
    expect(new Date(deadlineAt(saturday, { kind: 'businessDays', days: 1 })).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('adds plain durations as they are', () => {
    expect(deadlineAt(1_000, { kind: 'duration', ms: 500 })).toBe(1_500);
  });

  it('formats durations the way configuration writes them', () => {
    expect([86_400_000, 3_600_000 * 48, 90_000, 1_500].map(formatDuration)).toEqual(['1d', '2d', '90s', '1500ms']);
  });

  it('words durations for emails in the largest unit that divides them', () => {
    expect(
      [24 * 3_600_000, 3_600_000, 72 * 3_600_000, 90 * 60_000, 20_000, 1_000, 1_500, 1_400, 250].map(describeDuration),
    ).toEqual([
      '24 hours',
      '1 hour',
      '72 hours',
      '90 minutes',
      '20 seconds',
      '1 second',
      '2 seconds',
      '1 second',
      '250 milliseconds',
    ]);
  });
});
