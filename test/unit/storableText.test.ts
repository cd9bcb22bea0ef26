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
});
