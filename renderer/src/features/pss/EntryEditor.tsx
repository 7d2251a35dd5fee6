import { useEffect, useState, type ReactNode } from 'react';
import { Button, Checkbox, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ENTRY_SCHEMAS, type EntrySection } from '../../../../shared/api/record.ts';
import { CodePicker, type Coded } from './CodePicker.tsx';
import { newEntryId, type AnyEntry } from './sections.ts';

type Draft = Record<string, unknown>;

/** Drops empty strings and undefined (optional fields left blank) before validation. */
function clean(d: Draft): Draft {
  const out: Draft = {};
  for (const [k, v] of Object.entries(d)) {
    if (v === '' || v === undefined || v === null) continue;
    out[k] = v;
  }
  return out;
}

const STRUCTURED: ReadonlySet<EntrySection> = new Set(['allergies', 'problems', 'medications', 'vaccinations', 'vitalSigns', 'procedures', 'devices', 'familyHistory', 'exemptions']);

function initial(section: EntrySection): Draft {
  const base = { id: newEntryId(section), source: 'doctor' };
  switch (section) {
    case 'allergies': return { ...base, type: 'DALG', agent: { kind: 'atc' }, status: 'active' };
    case 'problems': return { ...base, status: 'active', chronic: true };
    case 'medications': return { ...base, route: 'PO', status: 'active', dosageText: '' };
    case 'vaccinations': return { ...base, date: new Date().toISOString().slice(0, 10) };
    case 'vitalSigns': return { ...base, kind: 'weight', date: new Date().toISOString().slice(0, 10) };
    case 'familyHistory': return { ...base, relationship: 'FTH', conditions: [] };
    case 'exemptions': return { ...base, status: 'active', codeSystem: '2.16.840.1.113883.2.9.6.1.22' };
    default: return base;
  }
}

/** Add or edit one entry of a section; structured forms for the sections doctors edit most, JSON for the rest. */
export function EntryEditor(props: {
  section: EntrySection | null;
  entry: AnyEntry | null;
  onClose(): void;
  onSave(section: EntrySection, entry: AnyEntry): Promise<void>;
}) {
  const { t } = useTranslation();
  const { section } = props;
  const [draft, setDraft] = useState<Draft>({});
  const [json, setJson] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!section) return;
    const d = props.entry ? structuredClone(props.entry) : initial(section);
    setDraft(d);
    setJson(JSON.stringify(d, null, 2));
    setErrors({});
  }, [section, props.entry]);
  if (!section) return null;
  const structured = STRUCTURED.has(section);
  const set = (k: string, v: unknown) => setDraft((d) => ({ ...d, [k]: v }));
  const err = (k: string) => errors[k];

  const save = async () => {
    let candidate: unknown;
    if (structured) candidate = clean(draft);
    else {
      try {
        candidate = JSON.parse(json);
      } catch (e) {
        setErrors({ json: e instanceof Error ? e.message : String(e) });
        return;
      }
    }
    const parsed = ENTRY_SCHEMAS[section].safeParse(candidate);
    if (!parsed.success) {
      const map: Record<string, string> = {};
      for (const i of parsed.error.issues) map[structured ? String(i.path[0] ?? 'json') : 'json'] ??= `${i.path.join('.')}: ${i.message}`;
      setErrors(map);
      return;
    }
    setSaving(true);
    try {
      await props.onSave(section, parsed.data as unknown as AnyEntry);
      props.onClose();
    } catch (e) {
      setErrors({ json: e instanceof Error ? e.message : String(e) });
    } finally {
      setSaving(false);
    }
  };

  const text = (k: string, label: string, required = false) => (
    <TextInput label={label} required={required} value={(draft[k] as string | undefined) ?? ''} onChange={(e) => set(k, e.currentTarget.value)} error={err(k)} />
  );
  const select = (k: string, label: string, values: readonly string[], labelOf: (v: string) => string, required = true) => (
    <Select label={label} required={required} clearable={!required} allowDeselect={!required} data={values.map((v) => ({ value: v, label: labelOf(v) }))} value={(draft[k] as string | undefined) ?? null} onChange={(v) => set(k, v ?? undefined)} error={err(k)} />
  );
  const picker = (k: string, label: string, system: Parameters<typeof CodePicker>[0]['system'], required = false, autoFocus = false) => (
    <CodePicker system={system} label={label} required={required} autoFocus={autoFocus} value={draft[k] as Coded | undefined} onChange={(v) => set(k, v)} error={err(k)} />
  );
  const common: ReactNode = (
    <>
      {select('source', t('pss.source.label'), ['doctor', 'patient-declared', 'specialist'], (v) => t(`pss.source.${v}`))}
      <Textarea label={t('pss.fields.note')} autosize minRows={1} value={(draft.note as string | undefined) ?? ''} onChange={(e) => set('note', e.currentTarget.value)} error={err('note')} />
    </>
  );
  const levels = (v: string) => t(`pss.levels.${v}`);

  let body: ReactNode;
  switch (section) {
    case 'allergies': {
      const agent = (draft.agent as { kind: string; code?: string; display?: string } | undefined) ?? { kind: 'atc' };
      const system = agent.kind === 'aic' ? 'aic' : agent.kind === 'substance' ? 'allergen' : 'atc';
      body = (
        <>
          {select('type', t('pss.fields.type'), ['ALG', 'OINT', 'DALG', 'DINT', 'FALG', 'FINT', 'EALG'], (v) => ({ ALG: 'Allergia', OINT: 'Intolleranza', DALG: 'Allergia a farmaco', DINT: 'Intolleranza a farmaco', FALG: 'Allergia alimentare', FINT: 'Intolleranza alimentare', EALG: 'Allergia ambientale' })[v] ?? v)}
          <Stack gap={4}>
            <Text size="sm" fw={500}>{t('pss.fields.agentKind')}</Text>
            <SegmentedControl
              aria-label={t('pss.fields.agentKind')}
              value={agent.kind}
              onChange={(kind) => set('agent', { kind })}
              data={(['atc', 'aic', 'substance', 'unknown'] as const).map((k) => ({ value: k, label: t(`pss.agentKinds.${k}`) }))}
            />
          </Stack>
          {agent.kind !== 'unknown' && (
            <CodePicker
              system={system}
              label={t('pss.fields.agent')}
              required
              autoFocus
              value={agent.code ? { code: agent.code, display: agent.display ?? '' } : undefined}
              onChange={(v) => set('agent', v ? { kind: agent.kind, ...v } : { kind: agent.kind })}
              error={err('agent')}
            />
          )}
          {picker('reaction', t('pss.fields.reaction'), 'icd9-dx')}
          {select('criticality', t('pss.fields.criticality'), ['L', 'M', 'H'], levels, false)}
          {select('status', t('pss.fields.status'), ['active', 'resolved'], (v) => t(`pss.status.${v}`))}
          <Group grow>{text('onset', t('pss.fields.onset'))}{text('resolution', t('pss.fields.resolution'))}</Group>
        </>
      );
      break;
    }
    case 'problems':
      body = (
        <>
          {picker('diagnosis', t('pss.fields.diagnosis'), 'icd9-dx', true, true)}
          {select('status', t('pss.fields.status'), ['active', 'resolved'], (v) => t(`pss.status.${v}`))}
          <Checkbox label={t('pss.fields.chronic')} checked={Boolean(draft.chronic)} onChange={(e) => set('chronic', e.currentTarget.checked)} />
          {select('severity', t('pss.fields.severity'), ['L', 'M', 'H'], levels, false)}
          <Group grow>{text('onset', t('pss.fields.onset'))}{text('resolution', t('pss.fields.resolution'))}</Group>
        </>
      );
      break;
    case 'medications':
      body = (
        <>
          <CodePicker
            system="aic"
            label={t('pss.fields.aic')}
            value={draft.aic as Coded | undefined}
            onChange={(v, term) => setDraft((d) => ({ ...d, aic: v, ...(term?.atc ? { atc: term.atc } : {}) }))}
          />
          {picker('atc', t('pss.fields.atc'), 'atc', true)}
          {text('dosageText', t('pss.fields.dosageText'), true)}
          {select('route', t('pss.fields.route'), ['PO', 'SL', 'SQ', 'IM', 'IV', 'NASINHL', 'TRNSDERM', 'RECTAL'], (v) => v)}
          {select('status', t('pss.fields.status'), ['active', 'completed', 'suspended'], (v) => t(`pss.status.${v}`))}
          <Group grow>{text('start', t('pss.fields.start'))}{text('end', t('pss.fields.end'))}</Group>
        </>
      );
      break;
    case 'vaccinations':
      body = (
        <>
          {picker('atc', t('pss.fields.atc'), 'atc', true, true)}
          {text('date', t('pss.fields.date'), true)}
          <NumberInput label={t('pss.fields.doseNumber')} min={1} value={(draft.doseNumber as number | undefined) ?? ''} onChange={(v) => set('doseNumber', typeof v === 'number' ? v : undefined)} error={err('doseNumber')} />
          {text('lot', t('pss.fields.lot'))}
        </>
      );
      break;
    case 'vitalSigns': {
      const bp = draft.kind === 'blood-pressure';
      const num = (k: string, label: string) => (
        <NumberInput label={label} required value={(draft[k] as number | undefined) ?? ''} onChange={(v) => set(k, typeof v === 'number' ? v : undefined)} error={err(k)} />
      );
      body = (
        <>
          {select('kind', t('pss.fields.kind'), ['weight', 'height', 'bmi', 'heart-rate', 'waist', 'blood-pressure'], (v) => t(`pss.vital.${v}`))}
          {bp ? <Group grow>{num('systolic', t('pss.fields.systolic'))}{num('diastolic', t('pss.fields.diastolic'))}</Group> : num('value', t('pss.fields.value'))}
          {text('date', t('pss.fields.date'), true)}
        </>
      );
      break;
    }
    case 'procedures':
      body = (
        <>
          {picker('procedure', t('pss.fields.procedure'), 'icd9-proc', true, true)}
          <Group grow>{text('start', t('pss.fields.start'), true)}{text('end', t('pss.fields.end'))}</Group>
          {picker('reason', t('pss.fields.reason'), 'icd9-dx')}
        </>
      );
      break;
    case 'devices':
      body = (
        <>
          {picker('cnd', t('pss.fields.cnd'), 'cnd', true, true)}
          {text('date', t('pss.fields.date'))}
        </>
      );
      break;
    case 'exemptions': {
      const ex = (draft.exemption as Coded | undefined) ?? { code: '', display: '' };
      const setEx = (k: 'code' | 'display', v: string) => set('exemption', { ...ex, [k]: v });
      body = (
        <>
          <Group grow>
            <TextInput label={t('pss.fields.exemptionCode')} required value={ex.code} onChange={(e) => setEx('code', e.currentTarget.value)} error={err('exemption')} />
            <TextInput label={t('pss.fields.exemptionDisplay')} required value={ex.display} onChange={(e) => setEx('display', e.currentTarget.value)} />
          </Group>
          {select('status', t('pss.fields.status'), ['active', 'completed'], (v) => t(`pss.status.${v}`))}
          <Group grow>{text('start', t('pss.fields.start'))}{text('end', t('pss.fields.end'))}</Group>
        </>
      );
      break;
    }
    case 'familyHistory': {
      const conditions = (draft.conditions as Array<{ diagnosis: Coded; onsetAge?: number }> | undefined) ?? [];
      const first = conditions[0];
      body = (
        <>
          {select('relationship', t('pss.fields.relationship'), ['FTH', 'MTH', 'BRO', 'SIS', 'GRFTH', 'GRMTH', 'UNCLE', 'AUNT', 'SON', 'DAU'], (v) => t(`pss.relationship.${v}`))}
          <CodePicker
            system="icd9-dx"
            label={t('pss.fields.diagnosis')}
            required
            value={first?.diagnosis}
            onChange={(v) => set('conditions', v ? [{ ...(first ?? {}), diagnosis: v }, ...conditions.slice(1)] : conditions.slice(1))}
            error={err('conditions')}
          />
          {conditions.length > 1 && <Text size="xs" c="dimmed">+ {conditions.slice(1).map((c) => `${c.diagnosis.display} (${c.diagnosis.code})`).join(', ')}</Text>}
          <NumberInput label={t('pss.fields.deceasedAge')} min={0} max={130} value={(draft.deceasedAge as number | undefined) ?? ''} onChange={(v) => set('deceasedAge', typeof v === 'number' ? v : undefined)} error={err('deceasedAge')} />
        </>
      );
      break;
    }
    default:
      body = (
        <>
          <Text size="sm" c="dimmed">{t('pss.advanced')}</Text>
          <Textarea label={t('pss.fields.json')} autosize minRows={8} styles={{ input: { fontFamily: 'monospace' } }} value={json} onChange={(e) => setJson(e.currentTarget.value)} error={err('json')} />
        </>
      );
  }

  return (
    <Modal opened onClose={props.onClose} title={t(props.entry ? 'pss.editEntry' : 'pss.addTo', { what: t(`pss.sections.${section}`), section: t(`pss.sections.${section}`) })} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
            e.preventDefault();
            void save();
          }
        }}
      >
        <Stack gap="sm">
          {body}
          {structured && common}
          {structured && errors.json && <Text c="red" size="sm" role="alert">{errors.json}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>{t('pss.cancel')}</Button>
            <Button type="submit" loading={saving}>{t('pss.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
