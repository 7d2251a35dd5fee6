import { z } from 'zod';
import { defineMethod } from './define.ts';
import { PageInput, pageOf } from './paging.ts';
import { ClinicalDate } from '../domain/record/entry-base.ts';
import { PatientId } from '../domain/patient.ts';
import { Dispensation } from '../domain/record/index.ts';

/** What the pharmacy dispensed (farmaci erogati), the input of adherence. */
export const dispensationsApi = {
  /** A patient's dispensations, newest first; by ATC (a prefix: "C09" is every RAS agent) and dates. */
  'dispensations.list': defineMethod({
    input: PageInput.extend({ patientId: PatientId, atc: z.string().min(1).max(10).optional(), from: ClinicalDate.optional(), to: ClinicalDate.optional() }),
    output: pageOf(Dispensation),
  }),
};
