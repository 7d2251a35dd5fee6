/**
 * The body of the telemedicine documents (the three schematrons share section codes and
 * templates): Quesito diagnostico (29299-5; mandatory for teleconsult and teleassistance,
 * ERRORE-b1), Prestazioni (62387-6: the service act with its branca, disciplina and procedure,
 * and the one B64 attachment, ERRORE-b1…b6 / b7…b12), Referto (47045-0, mandatory), Diagnosi
 * (29548-5, ICD-9-CM), Conclusioni (55110-1), Accertamenti e controlli consigliati (80615-8,
 * acts in mood PRP). Every entry points at its narrative (originalText/reference).
 */
import { el, type XmlChild, type XmlElement } from '../../xml/writer.ts';
import { OID, cd, ii, loinc, reference, templateId, tsDateTime } from '../datatypes.ts';
import { BRANCHE, type TelemedInput } from './input.ts';
import { TELEMED_SECTION, TPL_BRANCA, TPL_DISCIPLINA } from './templates.ts';

type SectionKey = keyof typeof TELEMED_SECTION;

function section(key: SectionKey, text: XmlChild, entries: XmlChild = null): XmlElement {
  const s = TELEMED_SECTION[key];
  return el(
    'component',
    null,
    el('section', null, templateId(s.template), loinc(s.code, s.display), el('title', null, s.title), el('text', null, text), entries),
  );
}

/** Report text as paragraphs, one per non-empty line. */
function paragraphs(text: string, idPrefix?: string): XmlElement[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l, i) => el('paragraph', idPrefix ? { ID: `${idPrefix}-${i + 1}` } : null, l));
}

function icd9(name: string, c: { code: string; display: string }, ref: string): XmlElement {
  return cd(name, { code: c.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: c.display }, { 'xsi:type': 'CD' }, el('originalText', null, reference(ref)));
}

function questionSection(input: TelemedInput): XmlElement | null {
  const q = input.question;
  if (!q) return null;
  const entry = q.diagnosis
    ? el(
        'entry',
        null,
        el(
          'observation',
          { classCode: 'OBS', moodCode: 'EVN' },
          loinc('29298-7', 'Reason for visit'),
          el('statusCode', { code: 'completed' }),
          icd9('value', q.diagnosis, 'quesito-dx'),
        ),
      )
    : null;
  return section('question', [el('paragraph', { ID: 'quesito' }, q.text), q.diagnosis ? el('paragraph', { ID: 'quesito-dx' }, `${q.diagnosis.display} (ICD-9-CM ${q.diagnosis.code})`) : null], entry);
}

function servicesSection(input: TelemedInput): XmlElement {
  const s = input.service;
  const branca = `${s.branca} ${BRANCHE[s.branca] ?? ''}`.trim();
  const disciplina = `${s.disciplina.code} ${s.disciplina.display}`;
  const time = { value: tsDateTime(s.start) };
  const assertion = (tpl: string, value: string): XmlElement =>
    el(
      'entryRelationship',
      { typeCode: 'COMP' },
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        templateId(tpl),
        cd('code', { code: 'ASSERTION', codeSystem: OID.ACT_CODE, codeSystemName: 'ActCode', displayName: 'Assertion' }),
        el('value', { 'xsi:type': 'ST' }, value),
      ),
    );
  const text = el(
    'table',
    null,
    el('thead', null, el('tr', null, el('th', null, 'Prestazione'), el('th', null, 'Branca'), el('th', null, 'Disciplina'), el('th', null, 'Allegato'))),
    el(
      'tbody',
      null,
      el(
        'tr',
        null,
        el('td', { ID: 'prestazione-1' }, `${s.description} (ICD-9-CM ${s.procedure.code})`),
        el('td', null, branca),
        el('td', null, disciplina),
        el('td', { ID: 'allegato-1' }, input.attachment.title),
      ),
    ),
  );
  const act = el(
    'entry',
    null,
    el(
      'act',
      { classCode: 'ACT', moodCode: 'EVN' },
      cd('code', { code: s.procedure.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: s.procedure.display }),
      el('effectiveTime', time),
      assertion(TPL_BRANCA, branca),
      assertion(TPL_DISCIPLINA, disciplina),
      el(
        'entryRelationship',
        { typeCode: 'COMP' },
        el(
          'procedure',
          { classCode: 'PROC', moodCode: 'EVN' },
          cd('code', { code: s.procedure.code, codeSystem: OID.ICD9CM, codeSystemName: 'ICD-9-CM', displayName: s.procedure.display }, {}, el('originalText', null, reference('prestazione-1'))),
          el('statusCode', { code: 'completed' }),
          el('effectiveTime', time),
        ),
      ),
    ),
  );
  const media = el(
    'entry',
    null,
    el(
      'observationMedia',
      { classCode: 'OBS', moodCode: 'EVN', ID: 'media-1' },
      el('value', { mediaType: input.attachment.mediaType, representation: 'B64' }, input.attachment.base64),
    ),
  );
  return section('services', text, [act, media]);
}

function diagnosesSection(input: TelemedInput, idRoot: string): XmlElement | null {
  if (input.diagnoses.length === 0) return null;
  const list = el('list', null, input.diagnoses.map((d, i) => el('item', { ID: `diagnosi-${i + 1}` }, `${d.display} (ICD-9-CM ${d.code})`)));
  const entries = input.diagnoses.map((d, i) =>
    el(
      'entry',
      null,
      el(
        'observation',
        { classCode: 'OBS', moodCode: 'EVN' },
        ii(idRoot, `${input.version.documentId}.DX.${i + 1}`),
        loinc('29308-4', 'Diagnosis'),
        el('statusCode', { code: 'completed' }),
        el('effectiveTime', { value: tsDateTime(input.service.start) }),
        icd9('value', d, `diagnosi-${i + 1}`),
      ),
    ),
  );
  return section('diagnoses', list, entries);
}

function checksSection(input: TelemedInput): XmlElement | null {
  if (input.recommendedChecks.length === 0) return null;
  const list = el('list', null, input.recommendedChecks.map((c, i) => el('item', { ID: `controllo-${i + 1}` }, c)));
  const entries = input.recommendedChecks.map((_c, i) =>
    el(
      'entry',
      null,
      el(
        'act',
        { classCode: 'ACT', moodCode: 'PRP' },
        el('code', { nullFlavor: 'OTH' }, el('originalText', null, reference(`controllo-${i + 1}`))),
        el('text', null, reference(`controllo-${i + 1}`)),
      ),
    ),
  );
  return section('checks', list, entries);
}

export function telemedSections(input: TelemedInput, idRoot: string): XmlElement[] {
  return [
    questionSection(input),
    servicesSection(input),
    section('report', paragraphs(input.report)),
    diagnosesSection(input, idRoot),
    input.conclusions ? section('conclusions', paragraphs(input.conclusions)) : null,
    checksSection(input),
  ].filter((x): x is XmlElement => x !== null);
}
