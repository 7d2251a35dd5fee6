import type { SectionKey } from '../../cda/pss/templates.ts';
import type { FhirResource } from './types.ts';

/** What a section builder gives back: every resource to put in the Bundle, and those the Composition section lists. */
export interface SectionResources {
  key: SectionKey;
  resources: FhirResource[];
  entries: FhirResource[];
  /** For empty mandatory sections: list-empty-reason code (R4 cmp-2). */
  emptyReason?: { code: 'nilknown' | 'unavailable'; display: string };
}

export function sectionOf(key: SectionKey, resources: FhirResource[], entries = resources): SectionResources {
  return { key, resources, entries };
}
