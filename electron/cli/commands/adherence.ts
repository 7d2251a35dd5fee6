/**
 * `cartella adherence cma|durations`: the adherence engine on AdhereR's own table shapes
 * (DOMAIN.md §2.5-2.6), so its figures can be checked against AdhereR's.
 *   cma        CMA1-CMA9 per patient from an events table -> CSV PATIENT_ID,CMA
 *   durations  event durations from dispensing + prescribing (+ hospital stays) -> CSV in
 *              compute_event_durations' columns
 * Exit 0 ok, 1 when the data cannot be computed (message on stderr), 2 usage error.
 */
import { readFileSync } from 'node:fs';
import { computeCma } from '../../../shared/analytics/adherence/cma/index.ts';
import { dateParser } from '../../../shared/analytics/adherence/days.ts';
import { computeEventDurations } from '../../../shared/analytics/adherence/event-durations/compute-event-durations.ts';
import type { DrugField, EventDurations, SpecialPeriodMethod } from '../../../shared/analytics/adherence/event-durations/types.ts';
import type { CmaKind, WindowSpec } from '../../../shared/analytics/adherence/types.ts';
import { AdherenceComputationError } from '../../../shared/analytics/adherence/units.ts';
import { parseCliArgs, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, type CliCommand } from '../command.ts';
import { csvLine, formatDay, formatNumber } from './adherence-csv.ts';
import { DRUG_COLUMNS, readDurationInputs, readMedicationEvents } from './adherence-inputs.ts';

const USAGE = `Usage:
  cartella adherence cma --events FILE.csv --cma K --followup-window START,DURATION
                         --observation-window START,DURATION [--date-format mm/dd/yyyy]
                         [--carry-only-same-medication] [--consider-dosage-change]
  cartella adherence durations --dispensing F --prescribing F [--hospitalisation F]
                         --special-periods continue|discard|carryover [options]

cma: CMA1-CMA9 as AdhereR 0.8.1 computes them. FILE has AdhereR's columns PATIENT_ID,
  DATE, DURATION and optionally PERDAY (daily dose) and CATEGORY (medication class).
  START is a number of days or a date in --date-format (default mm/dd/yyyy, AdhereR's
  %m/%d/%Y; R's %-codes are accepted too). The follow-up window's numeric START counts
  from each patient's first event; the observation window's from the follow-up start.
  DURATION is in days. Prints CSV PATIENT_ID,CMA, patients in ID order, NA where AdhereR
  gives NA, numbers in full double precision.

durations: compute_event_durations() on the durcomp.* shapes: dispensing (ID, DATE.DISP,
  ATC.CODE, UNIT, FORM, TOTAL.DOSE), prescribing (ID, DATE.PRESC, VISIT, ATC.CODE, FORM,
  UNIT, PRESC.DURATION, DAILY.DOSE), hospitalisation (ID, DATE.IN, DATE.OUT). Prints the
  event_durations table as CSV with AdhereR's columns in its order (ID, ATC.CODE, UNIT,
  FORM, DATE.DISP, TOTAL.DOSE, DAILY.DOSE, EVENT.ID, DISP.START, DURATION, episode.start,
  episode.end, SPECIAL.DURATION, tot.presc.interruptions, tot.dosage.changes,
  CARRYOVER.DURATION, the last four when AdhereR has them). The other options default to
  the call in AdhereR's own example (man/compute_event_durations.Rd):
    --date-format F               default yyyy-mm-dd
    --match-on COLS               default ATC.CODE,UNIT,FORM
    --trt-interruption M          continue|discard|carryover, default continue
    --split-on-dosage-change B    true|false, default true
    --force-init-presc B          true|false, default true
    --force-presc-renew B         true|false, default true
    --carryover                   chain supplies (AdhereR's carryover = TRUE)`;

const METHODS: readonly SpecialPeriodMethod[] = ['continue', 'discard', 'carryover'];

function method(value: string | undefined, name: string, fallback?: SpecialPeriodMethod): SpecialPeriodMethod {
  if (value === undefined && fallback) return fallback;
  if (!METHODS.includes(value as SpecialPeriodMethod)) throw new UsageError(`--${name} must be continue, discard or carryover`);
  return value as SpecialPeriodMethod;
}

function bool(value: string | undefined, name: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (/^(true|TRUE|T|1)$/.test(value)) return true;
  if (/^(false|FALSE|F|0)$/.test(value)) return false;
  throw new UsageError(`--${name} must be true or false`);
}

/** START,DURATION: START a number (an offset in days) or a date; DURATION days. */
export function parseWindow(value: string, name: string, dateFormat: string): WindowSpec {
  const parts = value.split(',');
  if (parts.length !== 2) throw new UsageError(`--${name} must be START,DURATION`);
  const [startText, durationText] = parts.map((p) => p.trim()) as [string, string];
  const duration = Number(durationText);
  if (durationText === '' || !(duration > 0)) throw new UsageError(`--${name}: DURATION must be a positive number of days`);
  const offset = Number(startText);
  if (startText !== '' && Number.isFinite(offset)) return { start: { offset, unit: 'days' }, duration, unit: 'days' };
  const date = dateParser(dateFormat)(startText);
  if (date === null) throw new UsageError(`--${name}: START '${startText}' is neither a number of days nor a date in the format ${dateFormat}`);
  return { start: { date }, duration, unit: 'days' };
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function runCma(argv: string[]): number {
  const { values, positionals } = parseCliArgs(argv, {
    events: { type: 'string' },
    cma: { type: 'string' },
    'followup-window': { type: 'string' },
    'observation-window': { type: 'string' },
    'date-format': { type: 'string' },
    'carry-only-same-medication': { type: 'boolean' },
    'consider-dosage-change': { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const file = requireString(values.events, 'events');
  const k = Number(requireString(values.cma, 'cma'));
  if (!Number.isInteger(k) || k < 1 || k > 9) throw new UsageError('--cma must be 1 to 9');
  const dateFormat = values['date-format'] ?? 'mm/dd/yyyy';
  try {
    dateParser(dateFormat);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const followUp = parseWindow(requireString(values['followup-window'], 'followup-window'), 'followup-window', dateFormat);
  const observation = parseWindow(requireString(values['observation-window'], 'observation-window'), 'observation-window', dateFormat);
  const events = readMedicationEvents(file, readText(file), dateFormat);
  const results = computeCma(events, {
    cma: k as CmaKind,
    followUp,
    observation,
    carryOnlyForSameMedication: values['carry-only-same-medication'] ?? false,
    considerDosageChange: values['consider-dosage-change'] ?? false,
  });
  let out = csvLine(['PATIENT_ID', 'CMA']);
  for (const r of results) out += csvLine([String(r.patientId), formatNumber(r.cma)]);
  process.stdout.write(out);
  return EXIT_OK;
}

export function durationsCsv(result: EventDurations, matchOn: readonly DrugField[]): string {
  const header = [
    'ID',
    ...matchOn.map((f) => DRUG_COLUMNS[f]),
    'DATE.DISP',
    'TOTAL.DOSE',
    'DAILY.DOSE',
    'EVENT.ID',
    'DISP.START',
    'DURATION',
    'episode.start',
    'episode.end',
    ...result.optionalColumns,
  ];
  let out = csvLine(header);
  for (const r of result.rows) {
    const optional: Record<(typeof result.optionalColumns)[number], string> = {
      'SPECIAL.DURATION': formatNumber(r.specialDuration),
      'tot.presc.interruptions': formatNumber(r.totPrescInterruptions),
      'tot.dosage.changes': formatNumber(r.totDosageChanges),
      'CARRYOVER.DURATION': formatNumber(r.carryoverDuration),
    };
    out += csvLine([
      String(r.patientId),
      ...matchOn.map((f) => r.drug[f] ?? 'NA'),
      formatDay(r.dispensingDate),
      formatNumber(r.totalDose),
      formatNumber(r.dailyDose),
      formatNumber(r.eventId),
      formatDay(r.dispStart),
      formatNumber(r.duration),
      formatDay(r.episodeStart),
      formatDay(r.episodeEnd),
      ...result.optionalColumns.map((c) => optional[c]),
    ]);
  }
  return out;
}

function runDurations(argv: string[]): number {
  const { values, positionals } = parseCliArgs(argv, {
    dispensing: { type: 'string' },
    prescribing: { type: 'string' },
    hospitalisation: { type: 'string' },
    'special-periods': { type: 'string' },
    'date-format': { type: 'string' },
    'match-on': { type: 'string' },
    'trt-interruption': { type: 'string' },
    'split-on-dosage-change': { type: 'string' },
    'force-init-presc': { type: 'string' },
    'force-presc-renew': { type: 'string' },
    carryover: { type: 'boolean' },
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
  const dispensing = requireString(values.dispensing, 'dispensing');
  const prescribing = requireString(values.prescribing, 'prescribing');
  const specialPeriodsMethod = method(requireString(values['special-periods'], 'special-periods'), 'special-periods');
  const byColumn = new Map(Object.entries(DRUG_COLUMNS).map(([f, c]) => [c, f as DrugField]));
  const matchOn = (values['match-on'] ?? 'ATC.CODE,UNIT,FORM').split(',').map((c) => {
    const f = byColumn.get(c.trim());
    if (!f) throw new UsageError(`--match-on: ${c} is not one of ATC.CODE, UNIT, FORM`);
    return f;
  });
  const dateFormat = values['date-format'] ?? 'yyyy-mm-dd';
  const inputs = readDurationInputs(
    {
      dispensing: [dispensing, readText(dispensing)],
      prescribing: [prescribing, readText(prescribing)],
      ...(values.hospitalisation ? { hospitalisation: [values.hospitalisation, readText(values.hospitalisation)] as [string, string] } : {}),
    },
    dateFormat,
  );
  const result = computeEventDurations(inputs.dispensing, inputs.prescribing, inputs.hospitalisation, {
    matchOn,
    specialPeriodsMethod,
    treatmentInterruption: method(values['trt-interruption'], 'trt-interruption', 'continue'),
    splitOnDosageChange: bool(values['split-on-dosage-change'], 'split-on-dosage-change', true),
    forceInitialPrescription: bool(values['force-init-presc'], 'force-init-presc', true),
    forcePrescriptionRenewal: bool(values['force-presc-renew'], 'force-presc-renew', true),
    carryover: values.carryover ?? false,
  });
  process.stdout.write(durationsCsv(result, matchOn));
  return EXIT_OK;
}

export const command: CliCommand = {
  name: 'adherence',
  summary: 'CMA1-CMA9 and event durations on AdhereR-shaped CSV files',
  usage: USAGE,
  async run(argv) {
    const [verb, ...rest] = argv;
    try {
      if (verb === 'cma') return runCma(rest);
      if (verb === 'durations') return runDurations(rest);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      const code = e instanceof AdherenceComputationError ? e.code : 'INVALID_DATA';
      process.stderr.write(`cartella adherence ${verb}: ${code}: ${e instanceof Error ? e.message : String(e)}\n`);
      return EXIT_FAILURE;
    }
    throw new UsageError('the first argument must be cma or durations');
  },
};
