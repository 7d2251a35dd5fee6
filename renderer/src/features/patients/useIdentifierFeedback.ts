import { useTranslation } from 'react-i18next';
import { checkCodiceFiscale, normalizeCodiceFiscale } from '../../../../shared/domain/codice-fiscale.ts';
import { checkForeignIdentifier } from '../../../../shared/domain/foreign-identifiers.ts';
import type { IdentifierKind, Sex } from '../../../../shared/domain/patient.ts';

export interface IdentifierFeedback {
  /** A blocking problem found while typing (the server decides on save). */
  problem?: string;
  /** Neutral or positive information: length so far, what the code says. */
  info?: string;
  /** Non-blocking doubts (surname/name letters). */
  warning?: string;
  ok?: boolean;
}

interface Values {
  identifierKind?: IdentifierKind;
  identifier?: string;
  birthDate?: string;
  sex?: Sex | '';
  surname?: string;
  givenName?: string;
}

/** Instant feedback on the identifier, in the browser, with the same rules the services apply. */
export function useIdentifierFeedback(v: Values): IdentifierFeedback {
  const { t } = useTranslation();
  const raw = normalizeCodiceFiscale(v.identifier ?? '');
  if (!raw) return {};
  const kind = v.identifierKind ?? 'CF';
  if (kind !== 'CF') {
    const valid = checkForeignIdentifier(kind, raw);
    const complete = kind === 'TEAM' || raw.length >= 16;
    return valid ? { ok: true } : complete ? { problem: t(`codiceFiscale.foreign.${kind}`) } : { info: t(`codiceFiscale.foreign.${kind}`) };
  }
  if (raw.length < 16) return { info: t('codiceFiscale.typing', { count: raw.length }) };
  const birthDate = /^\d{4}-\d{2}-\d{2}$/.test(v.birthDate ?? '') ? v.birthDate : undefined;
  const r = checkCodiceFiscale(raw, {
    birthDate,
    sex: v.sex || undefined,
    surname: v.surname || undefined,
    givenName: v.givenName || undefined,
  });
  const first = r.problems[0];
  if (first) return { problem: t(`codiceFiscale.problems.${first}`, { expected: r.expectedCheckCharacter ?? '?' }) };
  const d = r.decoded!;
  const p = (n: number) => String(n).padStart(2, '0');
  const decoded =
    t('codiceFiscale.decoded', { date: `${p(d.day)}/${p(d.month)}/${p(d.yearTwoDigits)}`, sex: t(`patient.sex.${d.sex}`) }) +
    (d.omocodia ? ` ${t('codiceFiscale.omocodia')}` : '');
  const info = birthDate && v.sex ? `${t('codiceFiscale.matches')}. ${decoded}` : decoded;
  const warning = r.warnings.map((w) => t(`codiceFiscale.problems.${w}`)).join(' · ') || undefined;
  return { ok: true, info, ...(warning ? { warning } : {}) };
}
