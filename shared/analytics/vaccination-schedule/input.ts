/**
 * What the evaluation needs of a child, shaped so the record maps onto it unchanged: each
 * vaccination with its vaccine (ATC, and the AIC package name when known), dose number and date;
 * each refusal (dissenso), exemption (esonero: immunity or a permanent contraindication) or
 * postponement (differimento, with its end date).
 */
import type { VaccineRef } from './vaccines.ts';

export interface Administration {
  id?: string | undefined;
  date: string;
  vaccine: VaccineRef;
  /** The dose number recorded with it: earlier doses not on record are then assumed given. */
  doseNumber?: number | undefined;
}

export interface VaccinationDecision {
  id?: string | undefined;
  kind: 'refusal' | 'exemption' | 'postponement';
  /** The vaccine or antigens it concerns. */
  vaccine: VaccineRef;
  date: string;
  /** Postponement: the date from which the doses are due again. */
  until?: string | undefined;
  reason?: string | undefined;
}

export interface ScheduleInput {
  birthDate: string;
  sex: 'M' | 'F';
  today: string;
  administrations: readonly Administration[];
  decisions?: readonly VaccinationDecision[] | undefined;
}
