/**
 * The longitudinal record: what a family doctor keeps over twenty years beside the PSS sections
 * (shared/domain/clinical-record.ts): the diary, therapy plans and prescriptions, observations as
 * time series, dispensations and the documents received. One source of truth per fact: the PSS
 * sections that are views of this data (vital signs, results, therapies) are read from it.
 */
export * from './provenance.ts';
export * from './instant.ts';
export * from './vital-kinds.ts';
export * from './observation.ts';
export * from './visit.ts';
export * from './therapy.ts';
export * from './dispensation.ts';
export * from './received-document.ts';
export * from './vitals-line.ts';
export * from './outpatient-services.ts';
export * from './posology-text.ts';
export * from './key-labs.ts';
