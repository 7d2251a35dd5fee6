/** Durations from the DDD (AIFA OsMed's method, DOMAIN.md §2.3-2.4). */
import { describe, expect, it } from 'vitest';
import { convert, dddDurationDays, dispensedAmount } from '../../../shared/analytics/adherence/ddd.ts';
import { packUnitCount } from '../../../shared/analytics/adherence/pack-size.ts';

describe('DDD durations', () => {
  it('divides the amount dispensed by the DDD in the same unit', () => {
    // Two packs of LORTAAN 100 mg x 28 (losartan, DDD 50 mg): 5600 mg = 112 days.
    const pack = packUnitCount('LORTAAN*100MG 28CPR')!;
    const amount = dispensedAmount(2, pack.count, { value: 100, unit: 'mg' });
    expect(amount).toEqual({ value: 5600, unit: 'mg' });
    expect(dddDurationDays(amount, { value: 50, unit: 'mg' })).toBe(112);
    // Metformin 1000 mg x 60, DDD 2 g: 30 days.
    expect(dddDurationDays({ value: 60_000, unit: 'MG' }, { value: 2, unit: 'g' })).toBe(30);
  });

  it('converts within a dimension and refuses across dimensions', () => {
    expect(convert({ value: 1, unit: 'g' }, 'mcg')).toBeCloseTo(1e6, 6);
    expect(convert({ value: 3, unit: 'MU' }, 'UI')).toBe(3e6);
    expect(convert({ value: 1, unit: 'L' }, 'ml')).toBe(1000);
    expect(dddDurationDays({ value: 100, unit: 'mg' }, { value: 10, unit: 'ml' })).toBeNull();
    expect(dddDurationDays({ value: 100, unit: 'mg' }, { value: 0, unit: 'mg' })).toBeNull();
  });
});
