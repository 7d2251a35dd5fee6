/**
 * Reading AdhereR's example tables into the engine's types: med.events (PATIENT_ID, DATE,
 * PERDAY, CATEGORY, DURATION) and the durcomp.* tables (dispensing, prescribing,
 * hospitalisation). PERDAY and CATEGORY are optional, as in AdhereR, where without them the
 * dose and class refinements have nothing to act on.
 */
import { dateParser, type Day } from '../../../shared/analytics/adherence/days.ts';
import type { DispensingRecord, DrugField, PrescribingRecord, SpecialPeriod } from '../../../shared/analytics/adherence/event-durations/types.ts';
import type { MedicationEvent, PatientId } from '../../../shared/analytics/adherence/types.ts';
import { columns, parseCsv, patientIds } from './adherence-csv.ts';

function dates(file: string, format: string) {
  const parse = dateParser(format);
  return (text: string, row: number, column: string): Day => {
    const d = parse(text);
    if (d === null) throw new Error(`${file}: row ${row + 2}, ${column}: '${text}' is not a date in the format ${format}`);
    return d;
  };
}

export function readMedicationEvents(file: string, text: string, dateFormat: string): MedicationEvent[] {
  const c = columns(parseCsv(text), file);
  const date = dates(file, dateFormat);
  const ids = patientIds(Array.from({ length: c.count }, (_, i) => c.text(i, 'PATIENT_ID')));
  const withDose = c.has('PERDAY');
  const withClass = c.has('CATEGORY');
  return ids.map((patientId, i) => {
    const e: MedicationEvent = { patientId, date: date(c.text(i, 'DATE'), i, 'DATE'), duration: c.required(i, 'DURATION'), durationMethod: 'days-supply' };
    if (withDose) e.dailyDose = c.required(i, 'PERDAY');
    if (withClass) e.medicationClass = c.text(i, 'CATEGORY');
    return e;
  });
}

/** AdhereR's column for each drug field of the durcomp tables. */
export const DRUG_COLUMNS: Record<DrugField, string> = { atc: 'ATC.CODE', unit: 'UNIT', form: 'FORM' };

export interface DurationInputs {
  dispensing: DispensingRecord[];
  prescribing: PrescribingRecord[];
  hospitalisation: SpecialPeriod[] | null;
}

export function readDurationInputs(files: { dispensing: [string, string]; prescribing: [string, string]; hospitalisation?: [string, string] }, dateFormat: string): DurationInputs {
  const disp = columns(parseCsv(files.dispensing[1]), files.dispensing[0]);
  const presc = columns(parseCsv(files.prescribing[1]), files.prescribing[0]);
  const hosp = files.hospitalisation ? columns(parseCsv(files.hospitalisation[1]), files.hospitalisation[0]) : null;
  // One reading of the IDs over the three files, so that 7 in one file is 7 in the others.
  const raw = [
    ...Array.from({ length: disp.count }, (_, i) => disp.text(i, 'ID')),
    ...Array.from({ length: presc.count }, (_, i) => presc.text(i, 'ID')),
    ...(hosp ? Array.from({ length: hosp.count }, (_, i) => hosp.text(i, 'ID')) : []),
  ];
  const ids: PatientId[] = patientIds(raw);
  const dispDate = dates(files.dispensing[0], dateFormat);
  const prescDate = dates(files.prescribing[0], dateFormat);
  const drug = (c: ReturnType<typeof columns>, i: number) => ({
    atc: c.text(i, DRUG_COLUMNS.atc),
    ...(c.has(DRUG_COLUMNS.unit) ? { unit: c.text(i, DRUG_COLUMNS.unit) } : {}),
    ...(c.has(DRUG_COLUMNS.form) ? { form: c.text(i, DRUG_COLUMNS.form) } : {}),
  });
  const dispensing = Array.from({ length: disp.count }, (_, i): DispensingRecord => ({
    patientId: ids[i]!,
    date: dispDate(disp.text(i, 'DATE.DISP'), i, 'DATE.DISP'),
    drug: drug(disp, i),
    totalDose: disp.required(i, 'TOTAL.DOSE'),
  }));
  const offset = disp.count;
  const prescribing = Array.from({ length: presc.count }, (_, i): PrescribingRecord => {
    const p: PrescribingRecord = {
      patientId: ids[offset + i]!,
      date: prescDate(presc.text(i, 'DATE.PRESC'), i, 'DATE.PRESC'),
      drug: drug(presc, i),
      dailyDose: presc.required(i, 'DAILY.DOSE'),
      durationDays: presc.has('PRESC.DURATION') ? presc.number(i, 'PRESC.DURATION') : null,
    };
    if (presc.has('VISIT')) p.visit = presc.required(i, 'VISIT');
    return p;
  });
  let hospitalisation: SpecialPeriod[] | null = null;
  if (hosp && files.hospitalisation) {
    const hospDate = dates(files.hospitalisation[0], dateFormat);
    const offset2 = disp.count + presc.count;
    hospitalisation = Array.from({ length: hosp.count }, (_, i) => ({
      patientId: ids[offset2 + i]!,
      start: hospDate(hosp.text(i, 'DATE.IN'), i, 'DATE.IN'),
      end: hospDate(hosp.text(i, 'DATE.OUT'), i, 'DATE.OUT'),
    }));
  }
  return { dispensing, prescribing, hospitalisation };
}
