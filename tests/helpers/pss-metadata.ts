/**
 * Publication metadata of a PSS by an MMG in Lazio (IG §5), for tests that queue one. No test
 * runner import here, so both vitest and Playwright files can use it.
 */
export const PSS_METADATA = {
  tipologiaStruttura: 'Territorio',
  tipoDocumentoLivAlto: 'SUM',
  assettoOrganizzativo: 'AD_PSC130',
  tipoAttivitaClinica: 'OBS',
  identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1',
  identificativoRep: '2.16.840.1.113883.2.9.2.120.4.5.1',
  mode: 'ATTACHMENT',
  healthDataFormat: 'CDA',
};
