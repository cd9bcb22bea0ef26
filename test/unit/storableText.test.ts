import { describe, expect, it } from 'vitest';
import { isStorableText, toStorableText } from '../../src/domain/storableText';
import { carrierStateFromTrackInfo } from '../../src/tracking/carrierStateFromTrackInfo';

describe('text PostgreSQL can store', () => {
  it('tells NUL characters and unpaired surrogates from everything else', () => {
    for (const text of ['Rua das Flores 12', '', 'Łódź · 東京 · 😀', 'tab\tand\nnewline']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(true);
    }
    for (const text of ['a\u0000b', '\u0000', 'high \ud83d alone', '\ude00 low alone', '😀\ud83d']) {
      expect(isStorableText(text), JSON.stringify(text)).toBe(false);
    }
  });

  it('replaces only what cannot be stored', () => {
    expect(toStorableText('Porto\u0000 hub \ud800 😀\u0000')).toBe('Porto\ufffd hub \ufffd 😀\ufffd');
    expect(toStorableText('Porto hub 😀')).toBe('Porto hub 😀');
  });

  it('keeps a carrier event whose text cannot be stored, with that text replaced', () => {
    const state = carrierStateFromTrackInfo({
      latest_status: { status: 'InTransit', sub_status: 'InTransit_Other\u0000', sub_status_descr: null },
      latest_event: {
        time_iso: '2026-11-25T10:00:00+08:00',
        time_utc: '2026-11-25T02:00:00Z',
        description: 'Arrived\u0000 at hub',
        location: 'Shenzhen \ud800',
        stage: null,
        sub_status: null,
      },
    });
    expect(state).toMatchObject({
      status: 'InTransit',
      subStatus: 'InTransit_Other\ufffd',
      lastEventText: 'Arrived\ufffd at hub',
      lastEventPlace: 'Shenzhen \ufffd',
    });
  });

  it('keeps a carrier event whose time is not a time, without the time', () => {
    const withTime = (time_utc: string) =>
      carrierStateFromTrackInfo({
        latest_status: { status: 'InTransit', sub_status: null, sub_status_descr: null },
        latest_event: {
          time_iso: time_utc,
          time_utc,
          description: 'Hub',
          location: null,
          stage: null,
          sub_status: null,
        },
      });
    expect(withTime('N/A')).toMatchObject({ status: 'InTransit', lastEventAt: undefined });
    expect(withTime('')).toMatchObject({ status: 'InTransit', lastEventAt: undefined });
    expect(withTime('2026-13-45T99:00:00Z')).toMatchObject({ lastEventAt: undefined });
    expect(withTime('2026-02-30T00:00:00Z')).toMatchObject({ lastEventAt: undefined }); // Date.parse takes it
    expect(withTime('2028-02-29T10:00:00+08:00')).toMatchObject({ lastEventAt: '2028-02-29T10:00:00+08:00' });
    expect(withTime('2026-11-25T02:00:00Z')).toMatchObject({ lastEventAt: '2026-11-25T02:00:00Z' });
  });
});
