import type { EntrySection } from '../../../../../shared/api/record.ts';
import { allergyForm } from './AllergyFields.tsx';
import { carePlanForm } from './CarePlanFields.tsx';
import { careNetworkForm } from './CareNetworkFields.tsx';
import { deviceForm } from './DeviceFields.tsx';
import { encounterForm } from './EncounterFields.tsx';
import { exemptionForm } from './ExemptionFields.tsx';
import { familyHistoryForm } from './FamilyHistoryFields.tsx';
import { functionalStatusForm } from './FunctionalStatusFields.tsx';
import type { SectionForm } from './kit.tsx';
import { labResultForm } from './LabResultFields.tsx';
import { lifestyleForm } from './LifestyleFields.tsx';
import { medicationForm } from './MedicationFields.tsx';
import { pregnancyForm } from './PregnancyFields.tsx';
import { problemForm } from './ProblemFields.tsx';
import { procedureForm } from './ProcedureFields.tsx';
import { vaccinationForm } from './VaccinationFields.tsx';
import { vaccinationDecisionForm } from './VaccinationDecisionFields.tsx';
import { vitalSignForm } from './VitalSignFields.tsx';

/** Every section of the record has its form (the compiler keeps this total). */
export const SECTION_FORMS: Record<EntrySection, SectionForm> = {
  allergies: allergyForm,
  medications: medicationForm,
  vaccinations: vaccinationForm,
  vaccinationDecisions: vaccinationDecisionForm,
  problems: problemForm,
  familyHistory: familyHistoryForm,
  lifestyle: lifestyleForm,
  pregnancies: pregnancyForm,
  vitalSigns: vitalSignForm,
  devices: deviceForm,
  carePlans: carePlanForm,
  procedures: procedureForm,
  encounters: encounterForm,
  functionalStatus: functionalStatusForm,
  labResults: labResultForm,
  exemptions: exemptionForm,
  careNetworks: careNetworkForm,
};

export type { Draft, FieldsProps, SectionForm } from './kit.tsx';
