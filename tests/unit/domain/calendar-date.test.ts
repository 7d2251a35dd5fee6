/**
 * Dates in the contract are calendar dates: the shape is not enough (2026-13-45 has the shape
 * of a date and names no day). One check, shared/domain/calendar-date.ts, behind every date
 * schema: the patient's birth date, the record's partial dates, the document's effective time,
 * the gateway's yyyyMMddHHmmss, the prevalidation time.
 */
import { describe, expect, it } from 'vitest';
import { Prevalidation } from '../../../shared/api/outbox.ts';
import { isCalendarDateText } from '../../../shared/domain/calendar-date.ts';
import { ClinicalDate, DateTimeWithOffset } from '../../../shared/domain/record/entry-base.ts';
import { IsoDate, PatientInput } from '../../../shared/domain/patient.ts';
import { GatewayDateTime } from '../../../shared/gateway/schemas.ts';
import { tempServices } from '../../helpers/temp-services.ts';

describe('calendar dates', () => {
  it('accepts real days, leap days by the 4/100/400 rule, and partial dates', () => {
    for (const d of ['2024-02-29', '2000-02-29', '1999-12-31', '2026-11', '1950', '20240229', '20241231235959', '2026-03-01T10:00:00+01:00', '2026-03-01T10:00:00.123Z']) {
      expect(isCalendarDateText(d), d).toBe(true);
    }
  });
  it('refuses days and times that do not exist', () => {
    for (const d of ['2026-13-45', '2026-02-29', '1900-02-29', '2026-04-31', '2026-00-10', '2026-01-00', '0000-01-01', '20260230', '20261231240000', '20261231236000', '2026-03-01T24:00:00Z', '2026-03-01T10:00:00+25:00', '2026-3-1', '']) {
      expect(isCalendarDateText(d), d).toBe(false);
    }
  });
  it('every date schema of the contract uses it', () => {
    expect(IsoDate.safeParse('2026-13-45').success).toBe(false);
    expect(IsoDate.safeParse('2024-02-29').success).toBe(true);
    expect(ClinicalDate.safeParse('2026-02-30').success).toBe(false);
    expect(ClinicalDate.safeParse('2026-02').success).toBe(true);
    expect(ClinicalDate.safeParse('2026-14').success).toBe(false);
    expect(DateTimeWithOffset.safeParse('2026-02-30T10:00:00+01:00').success).toBe(false);
    expect(GatewayDateTime.safeParse('20260230120000').success).toBe(false);
    expect(Prevalidation.safeParse({ workflowInstanceId: 'w', traceId: null, validatedAt: '2026-02-30T10:00:00Z' }).success).toBe(false);
    expect(Prevalidation.safeParse({ workflowInstanceId: 'w', traceId: null, validatedAt: '2026-02-28T10:00:00Z' }).success).toBe(true);
  });

  it('patients.create refuses birth date 2026-13-45 with INVALID_INPUT and stores nothing', async () => {
    const s = await tempServices();
    try {
      const input = { ...baseInput(), birthDate: '2026-13-45' };
      expect(PatientInput.safeParse(input).success).toBe(false);
      const r = await s.dispatcher.dispatch('patients.create', input, { actor: 't', transport: 'in-process' });
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
      expect((await s.db.call('patients.search', { text: '', limit: 5 })).total).toBe(0);
    } finally {
      await s.dispose();
    }
  });
});

function baseInput() {
  return { surname: 'Prova', givenName: 'Ada', sex: 'F', identifierKind: 'STP', identifier: 'STP1200000000001' };
}
