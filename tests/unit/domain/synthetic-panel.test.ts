import { describe, expect, it } from 'vitest';
import { checkCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';

const today = new Date('2026-06-01');
const age = (birth: string) => (today.getTime() - new Date(birth).getTime()) / (365.25 * 86_400_000);

describe('synthetic panel', () => {
  it('gives valid, unique codici fiscali agreeing with birth date and sex', () => {
    const panel = syntheticPatients({ count: 2000, seed: 3, today });
    expect(new Set(panel.map((p) => p.identifier)).size).toBe(2000);
    for (const p of panel) expect(checkCodiceFiscale(p.identifier, p).problems).toEqual([]);
  });

  it('is reproducible from its seed', () => {
    expect(syntheticPatients({ count: 50, seed: 9, today })).toEqual(syntheticPatients({ count: 50, seed: 9, today }));
    expect(syntheticPatients({ count: 50, seed: 9, today })).not.toEqual(syntheticPatients({ count: 50, seed: 10, today }));
  });

  it('matches an MMG (adult) or PLS (0-14) panel', () => {
    const mmg = syntheticPatients({ count: 500, seed: 1, today, kind: 'MMG' }).map((p) => age(p.birthDate));
    const pls = syntheticPatients({ count: 500, seed: 1, today, kind: 'PLS' }).map((p) => age(p.birthDate));
    expect(Math.min(...mmg)).toBeGreaterThanOrEqual(16);
    expect(Math.max(...mmg)).toBeLessThan(101);
    expect(Math.max(...pls)).toBeLessThan(15);
  });
});
