/**
 * The header of any received CDA (CDA R2 §4.2, the Italian IGs' common header): what the
 * document is (code → kind), its identity (id, setId, versionNumber), whose it is
 * (recordTarget: identifiers and demographics, for the patient check and --create-patient),
 * who wrote it and for which organisation, and its date (effectiveTime).
 */
import type { ReceivedHeader } from '../../../import/content.ts';
import { OID } from '../datatypes.ts';
import { type El, attr, isoDate, kid, kids } from '../pss/parse/dom.ts';
import { kindOfLoinc } from './kinds.ts';
import { instantFromTs } from './time.ts';

const textOf = (e: El | undefined): string | undefined => {
  const t = (e?.textContent ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t;
};

/** "given family" of a CDA PN, without prefixes. */
export function personName(name: El | undefined): string | undefined {
  if (!name) return undefined;
  const parts = [...kids(name, 'given'), ...kids(name, 'family')].map(textOf).filter((x): x is string => !!x);
  return parts.length ? parts.join(' ') : textOf(name);
}

/** `root^extension` of an II, the form FSE identifiers are written in. */
export function iiText(id: El | undefined): string | undefined {
  const root = attr(id, 'root');
  if (!root) return undefined;
  const ext = attr(id, 'extension');
  return ext ? `${root}^${ext}` : root;
}

function cut(s: string | undefined, max: number): string | undefined {
  return s === undefined ? undefined : s.slice(0, max);
}

export function readReceivedHeader(root: El): ReceivedHeader {
  const code = kid(root, 'code');
  const typeCode = attr(code, 'codeSystem') === OID.LOINC ? attr(code, 'code') : undefined;
  const kind = kindOfLoinc(typeCode);
  const role = kid(root, 'recordTarget', 'patientRole');
  const patient = kid(role, 'patient');
  const ids = kids(role, 'id').flatMap((id) => {
    const r = attr(id, 'root');
    const ext = attr(id, 'extension')?.trim();
    return r && ext ? [{ root: r, extension: ext }] : [];
  });
  const pname = kid(patient, 'name');
  const sex = attr(kid(patient, 'administrativeGenderCode'), 'code');
  const birth = isoDate(attr(kid(patient, 'birthTime'), 'value'));
  const author = kid(root, 'author', 'assignedAuthor');
  const authorCf = kids(author, 'id').find((i) => attr(i, 'root') === OID.CODICE_FISCALE);
  const custodian = kid(root, 'custodian', 'assignedCustodian', 'representedCustodianOrganization');
  const org = kid(author, 'representedOrganization') ?? custodian;
  const version = Number(attr(kid(root, 'versionNumber'), 'value'));
  const title = textOf(kid(root, 'title')) ?? attr(code, 'displayName') ?? 'Documento';
  const date = instantFromTs(attr(kid(root, 'effectiveTime'), 'value'));
  const h: ReceivedHeader = {
    kind,
    title: title.slice(0, 300),
    patient: {
      ids,
      ...(textOf(kid(pname, 'family')) ? { surname: textOf(kid(pname, 'family'))! } : {}),
      ...(textOf(kid(pname, 'given')) ? { givenName: textOf(kid(pname, 'given'))! } : {}),
      ...(sex === 'M' || sex === 'F' ? { sex } : {}),
      ...(birth && birth.length === 10 ? { birthDate: birth } : {}),
    },
  };
  const opt: Partial<ReceivedHeader> = {
    typeCode,
    cdaId: cut(iiText(kid(root, 'id')), 300),
    setId: cut(iiText(kid(root, 'setId')), 300),
    versionNumber: Number.isInteger(version) && version >= 1 ? version : undefined,
    authorName: cut(personName(kid(author, 'assignedPerson', 'name')), 300),
    authorId: authorCf ? cut(attr(authorCf, 'extension'), 64) : undefined,
    organizationName: cut(textOf(kids(org, 'name').find((n) => textOf(n))), 300),
    organizationId: cut(iiText(kid(org, 'id')), 300),
    documentDate: date,
  };
  for (const [k, v] of Object.entries(opt)) if (v !== undefined) (h as Record<string, unknown>)[k] = v;
  return h;
}
