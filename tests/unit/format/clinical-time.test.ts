import { describe, expect, it } from 'vitest';
import { instantIn, nowTimeIn, parseClinicalTime } from '../../../shared/format/clinical-time.ts';

describe('parseClinicalTime', () => {
  it('reads hh:mm, h:mm and hh.mm; refuses what is not a time of day', () => {
    expect(parseClinicalTime('10:30')).toEqual({ ok: true, hour: 10, minute: 30 });
    expect(parseClinicalTime(' 8.05 ')).toEqual({ ok: true, hour: 8, minute: 5 });
    expect(parseClinicalTime('')).toEqual({ ok: false, reason: 'empty' });
    for (const bad of ['24:00', '10:60', '1030', '10:3', 'ore 10']) expect(parseClinicalTime(bad).ok, bad).toBe(false);
  });
});

describe('instantIn', () => {
  it('gives the wall time in the doctor’s zone with that day’s offset', () => {
    expect(instantIn('2024-03-15', 10, 30, 'Europe/Rome')).toBe('2024-03-15T10:30:00+01:00');
    expect(instantIn('2024-07-15', 10, 30, 'Europe/Rome')).toBe('2024-07-15T10:30:00+02:00');
    expect(instantIn('2024-07-15', 23, 45, 'America/New_York')).toBe('2024-07-15T23:45:00-04:00');
    // Around the autumn change the wall time is kept.
    expect(instantIn('2024-10-27', 12, 0, 'Europe/Rome')).toBe('2024-10-27T12:00:00+01:00');
  });
  it('nowTimeIn is hh:mm in the zone', () => {
    expect(nowTimeIn('Europe/Rome', new Date('2024-03-15T09:05:00Z'))).toBe('10:05');
  });
});
