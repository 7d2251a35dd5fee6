/**
 * Built-in device export shapes (DASHBOARD.md §5), recognised from their header row:
 * - LibreView (Abbott FreeStyle Libre) glucose export: one metadata row above the header;
 *   `Device Timestamp`, `Record Type` (0 historic, 1 scan: the other types are insulin, food,
 *   notes), `Historic Glucose mg/dL` / `Scan Glucose mg/dL` (or mmol/L). Italian exports name
 *   them `Timestamp del dispositivo`, `Tipo di registrazione`, `Storico del glucosio mg/dL`,
 *   `Scansione del glucosio mg/dL`. CGM glucose is LOINC 99504-3 (mg/dL) or 105272-9 (mmol/L)
 *   (HL7 CGM IG 1.0.0).
 * - OMRON connect blood-pressure export: date and time, systolic, diastolic, pulse.
 * The date order differs by export language, so the preview always shows the format in use and
 * the doctor can change it.
 */
import { normHeader } from './table.ts';
import type { DeviceCsvMapping, MeasureColumn } from './mapping.ts';

export interface DevicePreset {
  id: 'libreview' | 'omron';
  /** The mapping for this header, or undefined when the header is not this shape. */
  mappingFor(header: string[]): (DeviceCsvMapping & { recordType?: { column: string; keep: string[] } }) | undefined;
}

const find = (header: string[], ...patterns: RegExp[]) => header.find((h) => patterns.some((p) => p.test(normHeader(h))));

function glucose(column: string): MeasureColumn {
  const mmol = /mmol/i.test(column);
  return mmol
    ? { column, code: '105272-9', display: 'Glucosio interstiziale (CGM)', unit: 'mmol/L' }
    : { column, code: '99504-3', display: 'Glucosio interstiziale (CGM)', unit: 'mg/dL' };
}

export const LIBREVIEW: DevicePreset = {
  id: 'libreview',
  mappingFor(header) {
    const time = find(header, /^devicetimestamp$/, /^timestampdeldispositivo$/);
    const type = find(header, /^recordtype$/, /^tipodiregistrazione$/);
    const historic = find(header, /^historicglucose(mgdl|mmoll)$/, /^storicodelglucosio(mgdl|mmoll)$/);
    const scan = find(header, /^scanglucose(mgdl|mmoll)$/, /^scansionedelglucosio(mgdl|mmoll)$/);
    if (!time || !type || !historic) return undefined;
    const italian = /timestamp del/i.test(time);
    return {
      name: 'LibreView',
      dateColumn: time,
      dateFormat: italian ? 'DD-MM-YYYY HH:mm' : 'MM-DD-YYYY HH:mm',
      timeZone: 'Europe/Rome',
      measures: [glucose(historic), ...(scan ? [glucose(scan)] : [])],
      recordType: { column: type, keep: ['0', '1'] },
    };
  },
};

export const OMRON: DevicePreset = {
  id: 'omron',
  mappingFor(header) {
    const date = find(header, /^(measurement)?date$/, /^datamisurazione$/, /^data$/);
    const time = find(header, /^time$/, /^ora$/);
    const sys = find(header, /^sys(mmhg)?$/, /^systolic(mmhg)?$/, /^sistolica(mmhg)?$/);
    const dia = find(header, /^dia(mmhg)?$/, /^diastolic(mmhg)?$/, /^diastolica(mmhg)?$/);
    const pulse = find(header, /^pulse(bpm)?$/, /^pulsazioni(bpm)?$/, /^polso(bpm)?$/);
    if (!date || !sys || !dia) return undefined;
    return {
      name: 'OMRON connect',
      dateColumn: date,
      ...(time ? { timeColumn: time } : {}),
      dateFormat: 'DD/MM/YYYY',
      timeZone: 'Europe/Rome',
      measures: [
        { column: sys, code: '8480-6', display: 'Pressione sistolica', unit: 'mm[Hg]' },
        { column: dia, code: '8462-4', display: 'Pressione diastolica', unit: 'mm[Hg]' },
        ...(pulse ? [{ column: pulse, code: '8867-4', display: 'Frequenza cardiaca', unit: '/min' }] : []),
      ],
    };
  },
};

export const PRESETS: DevicePreset[] = [LIBREVIEW, OMRON];
