import { patientsApi } from './patients.ts';
import { systemApi } from './system.ts';
import { signingApi } from './signing.ts';
import { settingsApi } from './settings.ts';
import { gatewayCertificatesApi } from './gateway-certificates.ts';
import { recordApi } from './record.ts';
import { pssApi } from './pss.ts';
import { termsApi } from './terms.ts';
import { outboxApi } from './outbox.ts';
import { gatewaySettingsApi } from './gateway-settings.ts';
import { profileApi } from './profile.ts';
import { importApi } from './import.ts';
import { visitsApi } from './visits.ts';
import { therapiesApi } from './therapies.ts';
import { observationsApi } from './observations.ts';
import { dispensationsApi } from './dispensations.ts';
import { accessApi } from './access.ts';
import { doctorsApi } from './doctors.ts';
import { draftsApi } from './drafts.ts';
import { imagingApi } from './imaging.ts';
import { chartApi } from './chart.ts';
import { adherenceApi } from './adherence.ts';
import { cruscottoApi } from './cruscotto.ts';
import { documentsPipelineApi } from './documents-pipeline.ts';
import { monitoringApi } from './monitoring.ts';
import { vaccinationsApi } from './vaccinations.ts';
import { growthApi } from './growth.ts';

/**
 * The whole contract between the UI and the services: every method once, with zod input and
 * output. Both transports (Electron IPC, node-host WebSocket) and the in-process tests carry
 * exactly these calls. Add a domain by adding its `xxxApi` map here.
 */
export const contract = {
  ...systemApi,
  ...patientsApi,
  ...signingApi,
  ...settingsApi,
  ...gatewayCertificatesApi,
  ...recordApi,
  ...pssApi,
  ...termsApi,
  ...outboxApi,
  ...gatewaySettingsApi,
  ...profileApi,
  ...importApi,
  ...visitsApi,
  ...therapiesApi,
  ...observationsApi,
  ...dispensationsApi,
  ...accessApi,
  ...doctorsApi,
  ...draftsApi,
  ...imagingApi,
  ...chartApi,
  ...adherenceApi,
  ...cruscottoApi,
  ...documentsPipelineApi,
  ...monitoringApi,
  ...vaccinationsApi,
  ...growthApi,
};

export type AppContract = typeof contract;
export type MethodName = keyof AppContract & string;
export * from './define.ts';
export * from './events.ts';
