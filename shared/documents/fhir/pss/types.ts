/** Minimal FHIR R4 JSON shapes used by the builders (the validator library checks the rest). */
export interface Coding { system?: string; code?: string; display?: string }
export interface CodeableConcept { coding?: Coding[]; text?: string }
export interface Reference { reference: string; display?: string }
export interface Identifier { system?: string; value?: string; assigner?: { display: string } }
export interface FhirResource { resourceType: string; id: string; [key: string]: unknown }
export interface BundleEntry { fullUrl: string; resource: FhirResource }
export interface FhirBundle {
  resourceType: 'Bundle';
  id: string;
  identifier: Identifier;
  type: 'document';
  timestamp: string;
  entry: BundleEntry[];
}
