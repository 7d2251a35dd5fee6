/**
 * The service-side registrations (fromRecord) of the document types, by type id. A type without
 * one here can be built from a given input only (doctypes.preview with `input`, the CLI).
 */
import type { ServiceDocumentType } from './types.ts';
import { pssServiceType } from './pss.ts';
import { singVaccServiceType } from './sing-vacc.ts';
import { certVaccServiceType } from './cert-vacc.ts';
import { teleassistenzaServiceType, teleconsultoServiceType, televisitaServiceType } from './telemed.ts';
import '../vaccination-calendar-source.ts';

export type { RecordContext, ServiceDocumentType } from './types.ts';

// Registrations of different inputs: the map forgets the input type.
const registrations = new Map<string, ServiceDocumentType<unknown>>();

export function registerServiceDocumentType<I>(s: ServiceDocumentType<I>): void {
  registrations.set(s.type.id, s as unknown as ServiceDocumentType<unknown>);
}
export function unregisterServiceDocumentType(id: string): void {
  registrations.delete(id);
}
export function serviceDocumentType(id: string): ServiceDocumentType<unknown> | undefined {
  return registrations.get(id);
}

registerServiceDocumentType(pssServiceType);
registerServiceDocumentType(singVaccServiceType);
registerServiceDocumentType(certVaccServiceType);
registerServiceDocumentType(televisitaServiceType);
registerServiceDocumentType(teleconsultoServiceType);
registerServiceDocumentType(teleassistenzaServiceType);
