/**
 * The stored vaccination record as the vaccination documents' input
 * (electron/services/documents/doc-types/vacc-record.ts): doses and decisions in date order,
 * only the IG's vaccine routes and the antigen list's target diseases, the decision's reason as
 * written, the registry's guardian, the caller's confidentiality; the result passes the types' own
 * input checks (SingVaccInput needs the dose's AIC).
 */
import { describe, expect, it } from 'vitest';
import { vaccDocFromRecord } from '../../../electron/services/documents/doc-types/vacc-record.ts';
import type { RecordContext } from '../../../electron/services/documents/doc-types/types.ts';
import { encodeCodiceFiscale } from '../../../shared/domain/codice-fiscale.ts';
import { emptyClinicalRecord, type ClinicalRecord } from '../../../shared/domain/clinical-record.ts';
import { SingVaccInput, VaccDocInput } from '../../../shared/domain/vaccination-document.ts';
import { syntheticDocumentParties } from '../../../shared/synthetic/clinical-record.ts';

const HEXA = { code: 'J07CA09', display: 'DIFTERITE-HEMOPHILUS INFLUENZAE B-PERTOSSE-POLIOMELITE-TETANO-EPATITE B' };
const MPRV = { code: 'J07BD54', display: 'VACCINO MORBILLO,PAROTITE,ROSOLIA E VARICELLA,VIVO ATTENUATO' };

const ctx = (options?: Record<string, unknown>): RecordContext => ({
  db: undefined as never,
  patient: {
    id: 'P1', surname: 'Galli', givenName: 'Marco', sex: 'M', birthDate: '2023-12-01', identifierKind: 'CF', identifier: encodeCodiceFiscale({ surname: 'Galli', givenName: 'Marco', birthDate: '2023-12-01', sex: 'M', belfiore: 'H501' }),
    guardian: { name: 'Anna Galli', relation: 'MTH', phone: '333 7654321' }, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', version: 1,
  },
  profile: syntheticDocumentParties('PLS'),
  version: { documentId: 'SING_VACC.1', setId: 'SING_VACC.1', versionNumber: 1 },
  effectiveTime: '2026-03-02T10:00:00+01:00',
  options,
});

const record: ClinicalRecord = {
  ...emptyClinicalRecord(),
  vaccinations: [
    { id: 'V2', source: 'doctor', atc: HEXA, date: '2024-05-20', doseNumber: 2, route: 'IV', lot: '  ', targetDiseases: [{ code: '02', display: 'Difterite' }, { code: '032.9', display: 'Difterite non specificata' }] },
    { id: 'V1', source: 'doctor', atc: HEXA, aic: { code: '034960056', display: 'INFANRIX HEXA*BB IM 1FL+1SIR' }, date: '2024-03-15', doseNumber: 1, lot: 'AB123', route: 'IM', site: 'LVL', place: 'Ambulatorio', performer: 'Dott.ssa Bianchi' },
  ],
  vaccinationDecisions: [{ id: 'D1', source: 'doctor', kind: 'refusal', atc: MPRV, date: '2025-01-10', reason: 'Dissenso dei genitori' }],
};

describe('vaccination record → document input', () => {
  it('maps doses in date order with their details; routes outside the IG and codes outside the antigen list are left out', () => {
    const input = VaccDocInput.parse(vaccDocFromRecord(ctx(), record));
    expect(input.administrations.map((a) => a.id)).toEqual(['V1', 'V2']);
    expect(input.administrations[0]).toMatchObject({
      vaccine: { atc: HEXA, aic: { code: '034960056' } }, doseNumber: 1, date: '2024-03-15', lot: 'AB123', route: 'IM', site: 'LVL',
      place: { name: 'Ambulatorio' }, performer: { name: 'Dott.ssa Bianchi' },
    });
    const v2 = input.administrations[1]!;
    expect(v2.route).toBeUndefined();
    expect(v2.lot).toBeUndefined();
    expect(v2.targetDiseases).toEqual([{ code: '02', display: 'Difterite' }]);
    expect(input.decisions).toEqual([expect.objectContaining({ id: 'D1', kind: 'refusal', vaccine: { atc: MPRV }, reasonText: 'Dissenso dei genitori' })]);
  });

  it('the guardian is the registry\'s; the doctor at work is the author; confidentiality from the options, N by default', () => {
    const input = vaccDocFromRecord(ctx(), record);
    expect(input.guardian).toEqual({ name: 'Anna Galli', relation: 'MTH', phone: '333 7654321' });
    expect(input.author).toEqual(syntheticDocumentParties('PLS').author);
    expect(input.confidentiality).toBe('N');
    expect(input.choices.consentToFse).toBe(true);
    expect(vaccDocFromRecord(ctx({ confidentiality: 'V' }), record).confidentiality).toBe('V');
  });

  it('the scheda singola of a dose without its AIC is refused on entryId (schematron ERRORE-b12)', () => {
    const base = vaccDocFromRecord(ctx(), record);
    expect(SingVaccInput.safeParse({ ...base, entryId: 'V1' }).success).toBe(true);
    const r = SingVaccInput.safeParse({ ...base, entryId: 'V2' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain('entryId');
  });
});
