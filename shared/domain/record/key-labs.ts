/**
 * The laboratory values a family doctor reads first on the summary (DASHBOARD.md §1-2: the
 * chronic-care audit's HbA1c, lipids, renal function, potassium, TSH, haemoglobin, INR), by LOINC,
 * in the order they are shown. Vital signs come before them, in VITAL_KINDS' order.
 */
export const KEY_LAB_CODES: readonly string[] = [
  '4548-4', // HbA1c
  '2345-7', // glucose (serum/plasma)
  '13457-7', // LDL cholesterol (calculated)
  '2093-3', // total cholesterol
  '2085-9', // HDL cholesterol
  '2571-8', // triglycerides
  '2160-0', // creatinine
  '62238-1', // eGFR (CKD-EPI)
  '9318-7', // urine albumin/creatinine
  '2823-3', // potassium
  '3016-3', // TSH
  '718-7', // haemoglobin
  '6301-6', // INR
];
