import type { Db } from './open.ts';
import { verifyAudit } from './queries/audit.ts';
import {
  dueEntries,
  enqueueDeletion,
  enqueueDocument,
  getEntry,
  listDeadLetters,
  listEntries,
  nextDueAt,
  outboxStats,
  startSend,
  transitionEntry,
  updatePayload,
  wakeWaiting,
} from './queries/outbox.ts';
import { getSetting, setSetting } from './queries/settings.ts';
import { typedMarkSigned, typedPrepare, typedStatus, typedVersion } from './queries/typed-documents.ts';
import { outboxDocuments } from './queries/outbox-documents.ts';
import {
  getRecord,
  pssCda,
  pssMarkSigned,
  pssVersion,
  pssConfirm,
  pssSaveDraft,
  pssStatus,
  pssSummaries,
  removeEntry,
  replaceRecords,
  setStatement,
  upsertEntry,
  importEntries,
} from './queries/clinical-record.ts';
import { getReceived, importReceived, listReceived, openReceived } from './queries/received-documents.ts';
import { getPatient, insertPatient, insertPatients, sandboxPatientsWithoutRecord, searchPatients, updatePatient } from './queries/patients.ts';
import { listVisits, removeVisit, upsertVisit } from './queries/visits.ts';
import { createPrescription, listPlans, listPrescriptions, repeatPlan, setPlanStatus, upsertPlan } from './queries/therapies.ts';
import { latestObservations, observationSeries, panelVitals, readVitalsLine, recordVitals } from './queries/observations.ts';
import { listDispensations } from './queries/dispensations.ts';
import {
  acknowledgeMonitoringAlert,
  listMonitoringPlans,
  monitoringAcknowledgements,
  monitoringPatients,
  monitoringReadings,
  runningMonitoringPlans,
  saveMonitoringPlan,
} from './queries/monitoring.ts';
import { listAccesses, logAccess } from './queries/access-log.ts';
import { exportRecord } from './queries/record-export.ts';
import { writeHistory } from './queries/record-history.ts';
import { doctorEvent, doctorPassphraseHash, getDoctor, listDoctors, saveDoctor, setDoctorPassphrase } from './queries/doctor-profiles.ts';
import { doctorActivity } from './queries/doctor-activity.ts';
import { discardDraft, getDraft, saveDraft } from './queries/record-drafts.ts';
import {
  imagingCandidates,
  imagingExisting,
  imagingIndexStudy,
  imagingInstanceObject,
  imagingRemoveStudy,
  imagingStudies,
  imagingStudy,
} from './queries/imaging.ts';
import { patientSummary } from './queries/chart-summary.ts';
import { vaccinationFacts } from './queries/vaccinations.ts';
import { growthObservations, listBilanci, saveBilancio } from './queries/bilanci.ts';
import { timeline } from './queries/chart-timeline.ts';
import { authoredDocuments, authoredPdf } from './queries/chart-documents.ts';
import { adherencePanel, adherencePatient, cruscottoDefinitions, cruscottoIndicators, cruscottoPatients, panelExit, setCruscottoDefinitions, setPanelExit } from './queries/cruscotto.ts';

/**
 * Everything the worker can run, by name. Each procedure is synchronous and runs inside one
 * transaction in the worker thread, so a change and its audit entry commit together; the
 * main thread only sees the async `DbClient`. Add an aggregate's queries here.
 */
export const procedures = {
  'patients.insert': insertPatient,
  'patients.insertMany': insertPatients,
  'patients.update': updatePatient,
  'patients.get': getPatient,
  'patients.search': searchPatients,
  'sandbox.patientsWithoutRecord': sandboxPatientsWithoutRecord,
  'audit.verify': verifyAudit,
  'outbox.enqueue': enqueueDocument,
  'outbox.enqueueDeletion': enqueueDeletion,
  'outbox.transition': transitionEntry,
  'outbox.startSend': startSend,
  'outbox.updatePayload': updatePayload,
  'outbox.get': getEntry,
  'outbox.list': listEntries,
  'outbox.due': dueEntries,
  'outbox.nextDueAt': nextDueAt,
  'outbox.stats': outboxStats,
  'outbox.deadLetters': listDeadLetters,
  'outbox.wake': wakeWaiting,
  'outbox.documents': outboxDocuments,
  'settings.get': getSetting,
  'settings.set': setSetting,
  'record.get': getRecord,
  'record.upsertEntry': upsertEntry,
  'record.removeEntry': removeEntry,
  'record.setStatement': setStatement,
  'record.replaceMany': replaceRecords,
  'record.importEntries': importEntries,
  'pss.status': pssStatus,
  'pss.saveDraft': pssSaveDraft,
  'pss.confirm': pssConfirm,
  'pss.summaries': pssSummaries,
  'pss.cda': pssCda,
  'pss.version': pssVersion,
  'pss.markSigned': pssMarkSigned,
  'typed.status': typedStatus,
  'typed.prepare': typedPrepare,
  'typed.version': typedVersion,
  'typed.markSigned': typedMarkSigned,
  'import.received': importReceived,
  'received.list': listReceived,
  'received.get': getReceived,
  'received.open': openReceived,
  'visits.list': listVisits,
  'visits.upsert': upsertVisit,
  'visits.remove': removeVisit,
  'therapy.listPlans': listPlans,
  'therapy.upsertPlan': upsertPlan,
  'therapy.setPlanStatus': setPlanStatus,
  'prescriptions.list': listPrescriptions,
  'prescriptions.create': createPrescription,
  'prescriptions.repeatPlan': repeatPlan,
  'observations.series': observationSeries,
  'observations.latest': latestObservations,
  'observations.parseVitalsLine': readVitalsLine,
  'observations.record': recordVitals,
  'observations.panelVitals': panelVitals,
  'monitoring.plans': listMonitoringPlans,
  'monitoring.runningPlans': runningMonitoringPlans,
  'monitoring.savePlan': saveMonitoringPlan,
  'monitoring.readings': monitoringReadings,
  'monitoring.acknowledgements': monitoringAcknowledgements,
  'monitoring.acknowledge': acknowledgeMonitoringAlert,
  'monitoring.patients': monitoringPatients,
  'dispensations.list': listDispensations,
  'access.log': logAccess,
  'access.list': listAccesses,
  'record.export': exportRecord,
  'record.writeHistory': writeHistory,
  'doctors.list': listDoctors,
  'doctors.get': getDoctor,
  'doctors.save': saveDoctor,
  'doctors.passphraseHash': doctorPassphraseHash,
  'doctors.setPassphrase': setDoctorPassphrase,
  'doctors.event': doctorEvent,
  'doctors.activity': doctorActivity,
  'drafts.get': getDraft,
  'drafts.save': saveDraft,
  'drafts.discard': discardDraft,
  'imaging.candidates': imagingCandidates,
  'imaging.existing': imagingExisting,
  'imaging.indexStudy': imagingIndexStudy,
  'imaging.studies': imagingStudies,
  'imaging.study': imagingStudy,
  'imaging.instanceObject': imagingInstanceObject,
  'imaging.removeStudy': imagingRemoveStudy,
  'summary.get': patientSummary,
  'vaccinations.facts': vaccinationFacts,
  'timeline.list': timeline,
  'documents.authored': authoredDocuments,
  'documents.pdf': authoredPdf,
  'adherence.panel': adherencePanel,
  'adherence.patient': adherencePatient,
  'cruscotto.indicators': cruscottoIndicators,
  'cruscotto.patients': cruscottoPatients,
  'cruscotto.definitions': cruscottoDefinitions,
  'cruscotto.setDefinitions': setCruscottoDefinitions,
  'panel.exit': panelExit,
  'panel.setExit': setPanelExit,
  'growth.observations': growthObservations,
  'bilanci.list': listBilanci,
  'bilanci.save': saveBilancio,
} satisfies Record<string, (db: Db, args: never) => unknown>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ProcedureArgs<P extends ProcedureName> = Parameters<Procedures[P]>[1];
export type ProcedureResult<P extends ProcedureName> = ReturnType<Procedures[P]>;
