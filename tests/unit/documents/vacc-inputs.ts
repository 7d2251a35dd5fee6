/**
 * Vaccination document inputs the tests share: 200 synthetic children 0-14 by default (set
 * VACC_TEST_COUNT for fewer or more) with histories from the national calendar as the
 * application loads it (resources/vaccination), some certificates in version 2 (RPLC).
 */
import { loadVaccinationCalendar } from '../../../electron/services/paediatrics/vaccination-resources.ts';
import type { VaccDocInput } from '../../../shared/domain/vaccination-document.ts';
import { singVaccVersion, syntheticVaccPanel, type SyntheticVaccDoc } from '../../../shared/synthetic/vaccination-document.ts';

export const TODAY = '2026-03-02';
export const loaded = loadVaccinationCalendar();

export function syntheticVaccDocs(count = Number(process.env.VACC_TEST_COUNT ?? 200), seed = 42): SyntheticVaccDoc[] {
  return [...syntheticVaccPanel({ count, seed, today: TODAY }, loaded)];
}

/** The input of the scheda singola of one entry: the same record with that document's version. */
export function singInput(input: VaccDocInput, entryId: string, versionNumber = 1): VaccDocInput {
  return { ...input, version: singVaccVersion(input, entryId, versionNumber) };
}
