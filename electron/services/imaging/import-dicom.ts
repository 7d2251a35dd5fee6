/**
 * Importing DICOM from paths without the UI: `cartella imaging import` and the record's
 * `cartella import` (which hands DICOM folders and DICOMDIR files here). The same session
 * steps as the UI (read → preview → apply), with the doctor's confirmation given up front:
 * - `{ patientId }`: every study into that patient; a study whose files name someone else (or
 *   too little to tell) is refused unless `confirmOtherPatient`;
 * - `{ createPatient }`: each study into the patient its files name (codice fiscale in
 *   Patient ID, or name and birth date); when nobody matches, a study is refused, unless
 *   `createPatient` and Patient ID is a codice fiscale: that patient is registered first
 *   (patients.create: the same checks as the UI).
 */
import type { FileProblem, PreviewStudy } from '../../../shared/api/imaging.ts';
import { patientFromDicom } from '../../../shared/imaging/patient-from-dicom.ts';
import { matchPatient } from '../../../shared/imaging/patient-match.ts';
import type { PatientSummary } from '../../../shared/domain/patient.ts';
import { AppError, isAppError, type RpcError } from '../../../shared/errors/index.ts';
import type { Services } from '../container.ts';
import { candidateKeys, groupStudies } from './import-plan.ts';

export type ImportDicomTarget = { patientId: string; confirmOtherPatient?: boolean } | { createPatient: boolean };

export interface StudyOutcome {
  studyUid: string;
  date?: string;
  description?: string;
  modalities: string[];
  series: number;
  instances: number;
  /** Set when the study was imported (or was already there). */
  patientId?: string;
  matchedBy?: 'codiceFiscale' | 'nameBirthDate' | 'confirmed';
  added?: number;
  alreadyHere?: number;
  elsewhere?: number;
  /** Set when the study was not imported. */
  error?: RpcError;
}

export interface ImportDicomResult {
  studies: StudyOutcome[];
  /** Files not imported and why (DICOM problems, missing DICOMDIR references, unreadable). */
  problems: FileProblem[];
  /** Patients registered from the files (createPatient). */
  createdPatients: string[];
}

function describe(p: PreviewStudy): StudyOutcome {
  const out: StudyOutcome = {
    studyUid: p.studyUid,
    modalities: [...new Set(p.series.flatMap((s) => (s.modality ? [s.modality] : [])))].sort(),
    series: p.series.length,
    instances: p.instances,
  };
  if (p.date) out.date = p.date;
  if (p.description) out.description = p.description;
  return out;
}

const refusal = (message: string): RpcError => new AppError('CONFLICT', message, { entity: 'imagingStudy', field: 'patient' }).toRpc();

export async function importDicom(
  services: Pick<Services, 'imaging' | 'dispatcher' | 'db'>,
  paths: readonly string[],
  target: ImportDicomTarget,
  options: { actor?: string } = {},
): Promise<ImportDicomResult> {
  const actor = options.actor ?? 'cli';
  const { imaging } = services;
  const session = await imaging.start('patientId' in target ? target.patientId : undefined);
  const createdPatients: string[] = [];
  try {
    await imaging.addPaths(session, paths);
    // Which patient each study goes to.
    const plan = new Map<string, string[]>(); // patientId → study UIDs
    const outcomes = new Map<string, StudyOutcome>();
    if ('patientId' in target) {
      plan.set(target.patientId, groupStudies(session.instances.values()).map((g) => g.uid));
    } else {
      const groups = groupStudies(session.instances.values());
      const candidates: PatientSummary[] = await services.db.call('imaging.candidates', candidateKeys(groups));
      for (const g of groups) {
        let patientId = matchPatient(g.patient, candidates)?.patientId;
        if (!patientId) {
          if (!target.createPatient) {
            outcomes.set(g.uid, { studyUid: g.uid, modalities: [], series: g.series.size, instances: g.instances.length, error: refusal('No patient of the panel matches the files (codice fiscale, or name and birth date): give --patient, or --create-patient') });
            continue;
          }
          const input = patientFromDicom(g.patient, new Date().toISOString().slice(0, 10));
          if (!input) {
            outcomes.set(g.uid, { studyUid: g.uid, modalities: [], series: g.series.size, instances: g.instances.length, error: refusal('No patient of the panel matches the files, and Patient ID is not a codice fiscale to register one') });
            continue;
          }
          const created = await services.dispatcher.dispatch('patients.create', input, { actor, transport: 'cli' });
          if (!created.ok) {
            outcomes.set(g.uid, { studyUid: g.uid, modalities: [], series: g.series.size, instances: g.instances.length, error: created.error });
            continue;
          }
          const p = created.value as PatientSummary;
          candidates.push(p);
          createdPatients.push(p.id);
          patientId = p.id;
        }
        plan.set(patientId, [...(plan.get(patientId) ?? []), g.uid]);
      }
    }
    let problems: FileProblem[] = session.problems;
    for (const [patientId, uids] of plan) {
      const preview = await imaging.preview(session, patientId);
      problems = preview.problems;
      const byUid = new Map(preview.studies.map((p) => [p.studyUid, p]));
      const confirmed = 'patientId' in target ? target.confirmOtherPatient === true : true;
      const selections = uids.flatMap((uid) => {
        const p = byUid.get(uid)!;
        outcomes.set(uid, describe(p));
        if (p.agreement !== 'same' && !confirmed && p.newInstances > 0) {
          outcomes.get(uid)!.error = refusal(`The files name ${p.agreement === 'different' ? 'another patient' : 'no one this patient can be told from'}: confirm to import`);
          return [];
        }
        return [{ studyUid: uid, confirmed: p.agreement !== 'same' }];
      });
      if (selections.length === 0) continue;
      try {
        const result = await imaging.apply(session, patientId, selections, actor);
        for (const r of result.studies) Object.assign(outcomes.get(r.studyUid)!, { patientId, matchedBy: r.matchedBy, added: r.added, alreadyHere: r.alreadyHere, elsewhere: r.elsewhere });
      } catch (e) {
        const error = isAppError(e) ? e.toRpc() : new AppError('INTERNAL', e instanceof Error ? e.message : String(e)).toRpc();
        for (const s of selections) outcomes.get(s.studyUid)!.error = error;
      }
    }
    if (plan.size === 0) problems = [...session.problems];
    return { studies: [...outcomes.values()], problems, createdPatients };
  } finally {
    await imaging.end(session);
  }
}
