/**
 * The "Medico e struttura" form as plain strings, to and from the contract's DoctorProfile, and
 * the field each issue path (`author.codiceFiscale`, `organization.aslCode`, …) belongs to.
 */
import type { TFunction } from 'i18next';
import { DoctorProfile } from '../../../../shared/api/profile.ts';
import { checkCodiceFiscale } from '../../../../shared/domain/codice-fiscale.ts';

/** The ASL catalogue OID: the custodian "same as the organisation" is the ASL under it. */
export const ASL_ID_ROOT = '2.16.840.1.113883.2.9.4.1.1';

export interface ProfileForm {
  codiceFiscale: string;
  givenName: string;
  surname: string;
  prefix: string;
  role: 'MMG' | 'PLS';
  phone: string;
  email: string;
  aslCode: string;
  orgName: string;
  regionCode: string;
  oidRoot: string;
  /** The custodian is the organisation (ASL root, ASL code, organisation name). */
  custodianSame: boolean;
  custodianIdRoot: string;
  custodianId: string;
  custodianName: string;
}
export type FieldKey = Exclude<keyof ProfileForm, 'custodianSame'>;
export type FieldErrors = Partial<Record<FieldKey, string>>;

export const EMPTY_FORM: ProfileForm = {
  codiceFiscale: '', givenName: '', surname: '', prefix: '', role: 'MMG', phone: '', email: '',
  aslCode: '', orgName: '', regionCode: '', oidRoot: '',
  custodianSame: true, custodianIdRoot: ASL_ID_ROOT, custodianId: '', custodianName: '',
};

export function toForm(p: DoctorProfile): ProfileForm {
  const same = p.custodian.idRoot === ASL_ID_ROOT && p.custodian.id === p.organization.aslCode && p.custodian.name === p.organization.name;
  return {
    codiceFiscale: p.author.codiceFiscale, givenName: p.author.givenName, surname: p.author.surname,
    prefix: p.author.prefix ?? '', role: p.author.role, phone: p.author.phone ?? '', email: p.author.email ?? '',
    aslCode: p.organization.aslCode, orgName: p.organization.name, regionCode: p.organization.regionCode, oidRoot: p.organization.oidRoot ?? '',
    custodianSame: same, custodianIdRoot: p.custodian.idRoot, custodianId: p.custodian.id, custodianName: p.custodian.name,
  };
}

const opt = (v: string) => (v.trim() === '' ? undefined : v.trim());

/** What is sent to profile.set (still unchecked: DoctorProfile and the service check it). */
export function toProfile(f: ProfileForm): DoctorProfile {
  const asl = f.aslCode.trim();
  const org = f.orgName.trim();
  return {
    author: {
      codiceFiscale: f.codiceFiscale.replace(/\s+/g, '').toUpperCase(),
      givenName: f.givenName.trim(),
      surname: f.surname.trim(),
      prefix: opt(f.prefix),
      role: f.role,
      phone: opt(f.phone),
      email: opt(f.email),
    },
    organization: { aslCode: asl, name: org, regionCode: f.regionCode, oidRoot: opt(f.oidRoot) },
    custodian: f.custodianSame
      ? { idRoot: ASL_ID_ROOT, id: asl, name: org }
      : { idRoot: f.custodianIdRoot.trim(), id: f.custodianId.trim(), name: f.custodianName.trim() },
  };
}

/** The pseudo-path of the missing contact (phone or e-mail). */
const CONTACT_PATH = 'author.contact';

const PATHS: Record<string, FieldKey> = {
  'author.codiceFiscale': 'codiceFiscale', 'author.givenName': 'givenName', 'author.surname': 'surname',
  'author.prefix': 'prefix', 'author.role': 'role', 'author.phone': 'phone', 'author.email': 'email',
  'organization.aslCode': 'aslCode', 'organization.name': 'orgName', 'organization.regionCode': 'regionCode', 'organization.oidRoot': 'oidRoot',
  'custodian.idRoot': 'custodianIdRoot', 'custodian.id': 'custodianId', 'custodian.name': 'custodianName',
};

/** The form field an issue path names; a custodian copied from the organisation answers on the organisation's fields. */
export function fieldOfPath(path: string, custodianSame: boolean): FieldKey | undefined {
  if (path === CONTACT_PATH) return 'phone';
  const key = PATHS[path];
  if (!custodianSame) return key;
  if (key === 'custodianId') return 'aslCode';
  if (key === 'custodianName') return 'orgName';
  return key;
}

/** The Italian (or English) words for a refused field, from what it holds now. */
export function fieldMessage(t: TFunction, key: FieldKey, form: ProfileForm): string {
  const value = String(form[key] ?? '').trim();
  if (key === 'codiceFiscale' && value !== '') {
    const check = checkCodiceFiscale(value.replace(/\s+/g, '').toUpperCase());
    const problem = check.problems[0];
    return problem ? t(`codiceFiscale.problems.${problem}`, { expected: check.expectedCheckCharacter ?? '?' }) : t('errors.CODICE_FISCALE_INVALID');
  }
  if (value === '') return key === 'regionCode' ? t('doctorProfile.errors.regionCode') : t('validation.required');
  switch (key) {
    case 'aslCode':
      return t('doctorProfile.errors.aslCode');
    case 'regionCode':
      return t('doctorProfile.errors.regionCode');
    case 'oidRoot':
    case 'custodianIdRoot':
      return t('doctorProfile.errors.oid');
    default:
      return t('validation.invalid');
  }
}

/**
 * The client's own check before sending: the contract's schema (same paths as the service's
 * INVALID_INPUT) plus the IG's rule that the author has at least one contact (ERRORE-40).
 */
export function localIssues(f: ProfileForm): { path: string }[] {
  const profile = toProfile(f);
  const parsed = DoctorProfile.safeParse(profile);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.') }));
  // The schema's own contact rule runs only once every field parses: checked here too, to show it with the others.
  if (!profile.author.phone && !profile.author.email && !issues.some((i) => i.path === CONTACT_PATH)) issues.push({ path: CONTACT_PATH });
  return issues;
}

/**
 * Issues (the service's INVALID_INPUT or the local check) as messages on their fields; `unplaced`
 * when some issue names no field of the form (then the generic message is shown as well).
 */
export function issuesToErrors(t: TFunction, issues: readonly { path: string }[], form: ProfileForm): { errors: FieldErrors; unplaced: boolean } {
  const errors: FieldErrors = {};
  let unplaced = false;
  for (const { path } of issues) {
    const key = fieldOfPath(path, form.custodianSame);
    if (!key) unplaced = true;
    else errors[key] ??= path === CONTACT_PATH ? t('doctorProfile.errors.contact') : fieldMessage(t, key, form);
  }
  return { errors, unplaced };
}
