/**
 * The order of possibly partial dates (record/entry-base.ts precedes), as the PSS editor and the
 * vaccination documents report end-before-start (schematron ERROR-57: high ≥ low): a date is
 * compared at the precision both sides have, so 2020-05 and 2020-05-10 are never an inversion.
 */
import { describe, expect, it } from 'vitest';
import { emptyClinicalRecord, periodIssues } from '../../../shared/domain/clinical-record.ts';
import { precedes } from '../../../shared/domain/record/entry-base.ts';

describe('precedes', () => {
  it('compares at the common precision', () => {
    expect(precedes('2020-05-01', '2020-06')).toBe(true);
    expect(precedes('2020-12-31', '2021')).toBe(true);
    expect(precedes('2021', '2020-12-31')).toBe(false);
    expect(precedes('2020-05', '2020-05-10')).toBe(false);
    expect(precedes('2020-05-10', '2020-05')).toBe(false);
    expect(precedes('2020-05-10', '2020-05-10')).toBe(false);
    // A date-time against a date: by its date.
    expect(precedes('2024-03-15T10:00:00+01:00', '2024-03-16')).toBe(true);
  });
});

describe('periodIssues', () => {
  const problem = (onset: string, resolution: string) => ({
    id: 'P1', source: 'doctor' as const, diagnosis: { code: '401.9', display: 'Ipertensione' }, status: 'resolved' as const, chronic: false, onset, resolution,
  });

  it('an end before its start is reported on the end field; the same month at two precisions is not', () => {
    const r = { ...emptyClinicalRecord(), problems: [problem('2020-05-10', '2020-04'), problem('2020-05-10', '2020-05')] };
    expect(periodIssues(r)).toEqual([{ path: ['problems', 0, 'resolution'], message: 'la data di fine precede quella di inizio (onset)' }]);
  });
});
