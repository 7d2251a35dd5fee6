/**
 * The referto di televisita from the diary: a visit of kind televisita with its reason, note and
 * linked problems becomes a document the official schematron passes; a visit of another kind,
 * or without a note, is refused with its reason.
 */
import { describe, expect, it } from 'vitest';
import { CdaValidator } from '../../../electron/services/validation/cda-validator.ts';
import { TelemedFromRecordError, buildTelemedCda, telemedInputFromVisit } from '../../../shared/documents/cda/telemed/index.ts';
import type { ProblemEntry } from '../../../shared/domain/clinical-record.ts';
import type { Visit } from '../../../shared/domain/record/visit.ts';
import { syntheticTelemedInputs } from '../../../shared/synthetic/telemed.ts';

const base = syntheticTelemedInputs('televisita', 1, 21)[0]!;
const profile = { author: base.author, organization: base.organization, custodian: base.custodian };
const problems: ProblemEntry[] = [
  { id: 'P1', source: 'doctor', diagnosis: { code: '401.9', display: 'Ipertensione essenziale non specificata' }, status: 'active', chronic: true },
  { id: 'P2', source: 'doctor', diagnosis: { code: '250.00', display: 'Diabete mellito senza complicazioni' }, status: 'active', chronic: true },
];
const visit: Visit = {
  id: 'VIS.televisita-1', at: '2026-03-15T10:00:00+01:00', kind: 'televisita', reason: 'Controllo pressorio a distanza',
  note: 'Paziente in videochiamata.\nValori domiciliari nella norma, prosegue terapia.', problemIds: ['P1', 'P2'],
};
const options = {
  facility: base.facility, order: base.order, branca: '02', disciplina: { code: '08', display: 'Cardiologia' },
  attachment: base.attachment, end: '2026-03-15T10:20:00+01:00',
};
const args = { kind: 'televisita' as const, visit, problems, patient: base.patient, profile, version: base.version, effectiveTime: '2026-03-15T10:30:00+01:00', options };

describe('televisita from the diary', () => {
  it('the visit’s time, reason, note and problems make a referto the official schematron passes', async () => {
    const input = telemedInputFromVisit(args);
    expect(input.service.start).toBe(visit.at);
    expect(input.question).toEqual({ text: visit.reason, diagnosis: problems[0]!.diagnosis });
    expect(input.diagnoses.map((d) => d.code)).toEqual(['401.9', '250.00']);
    expect(input.report).toBe(visit.note);
    const r = await CdaValidator.create().validateXml(new TextEncoder().encode(buildTelemedCda(input)));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.schematron?.file).toBe('schematron_Referto_Televisita_v1.0.sch');
  }, 120_000);

  it('refuses a visit that is not a televisita, or one without a note', () => {
    const e1 = (() => { try { telemedInputFromVisit({ ...args, visit: { ...visit, kind: 'ambulatoriale' } }); } catch (e) { return e; } })();
    expect(e1).toBeInstanceOf(TelemedFromRecordError);
    expect((e1 as TelemedFromRecordError).reason).toBe('not-a-televisita');
    expect(() => telemedInputFromVisit({ ...args, visit: { ...visit, note: ' ' } })).toThrow(/non ha note/);
  });
});
