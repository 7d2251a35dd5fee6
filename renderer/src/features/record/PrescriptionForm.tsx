import { useState } from 'react';
import { Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { PrescriptionInput } from '../../../../shared/api/therapies.ts';
import { OUTPATIENT_SERVICES } from '../../../../shared/domain/record/outpatient-services.ts';
import { posologyText } from '../../../../shared/domain/record/posology-text.ts';
import type { Posology } from '../../../../shared/domain/record/therapy.ts';
import { todayIn } from '../../../../shared/format/clinical-time.ts';
import { ClinicalDateInput } from '../../components/ClinicalDateInput.tsx';
import { DecimalInput, type DecimalValue } from '../../components/DecimalInput.tsx';
import { useApi } from '../../platform/api-context.tsx';
import { errorText } from '../../platform/error-text.ts';
import { CodePicker, type Coded } from '../pss/CodePicker.tsx';
import { issueText } from '../pss/entry-forms/errors.ts';
import { newEntryId } from '../pss/sections.ts';
import { RecordFormWindow } from './RecordFormWindow.tsx';
import { useDraft } from './useDraft.ts';

const KINDS = ['medicine', 'test', 'visit'] as const;
const UNITS = ['compressa', 'capsula', 'bustina', 'ml', 'gocce', 'puff', 'UI', 'fiala', 'cerotto'] as const;

type RxDraft = {
  id: string;
  kind: (typeof KINDS)[number];
  date: string | undefined;
  aic: Coded | null;
  atc: Coded | null;
  unitsPerDose: DecimalValue;
  unit: string;
  dosesPerDay: DecimalValue;
  durationDays: DecimalValue;
  asNeeded: boolean;
  /** The posology in the doctor's words; empty = the words made from the numbers. */
  dosageText: string;
  packs: DecimalValue;
  exemption: string;
  chronic: boolean;
  service: string;
  quantity: DecimalValue;
};

type Errors = Partial<Record<keyof RxDraft | 'form', string>>;

const initial = (zone: string): RxDraft => ({
  id: newEntryId('prescription'), kind: 'medicine', date: todayIn(zone), aic: null, atc: null,
  unitsPerDose: 1, unit: 'compressa', dosesPerDay: 1, durationDays: undefined, asNeeded: false, dosageText: '',
  packs: 1, exemption: '', chronic: false, service: '', quantity: 1,
});

/** The numbers of the posology, when the doctor gave them (the words alone are a valid prescription too). */
function posologyOf(v: RxDraft): Posology | undefined {
  if (typeof v.unitsPerDose !== 'number' || typeof v.dosesPerDay !== 'number') return undefined;
  return {
    unitsPerDose: v.unitsPerDose, unit: v.unit, dosesPerDay: v.dosesPerDay, asNeeded: v.asNeeded,
    ...(typeof v.durationDays === 'number' ? { durationDays: v.durationDays } : {}),
  };
}

const typedButNotNumber = (x: DecimalValue) => typeof x === 'string';

/**
 * A prescription (ricetta): a medicine with the AIC picker (its ATC follows), posology in
 * numbers and in the doctor's words, packs, exemption, and "terapia continuativa" to start a
 * therapy plan from it; or a test or specialist visit from the national outpatient catalogue.
 */
export function PrescriptionForm({ patientId, zone, onClose }: { patientId: string; zone: string; onClose(): void }) {
  const { t } = useTranslation();
  const api = useApi();
  const draft = useDraft<RxDraft>(patientId, 'prescription', () => initial(zone));
  const v = draft.value;
  const [errors, setErrors] = useState<Errors>({});
  const [saving, setSaving] = useState(false);
  const posology = posologyOf(v);
  const wordsFromNumbers = posology ? posologyText(posology) : '';
  const services = OUTPATIENT_SERVICES.filter((s) => s.kind === v.kind);

  const candidate = (): unknown => {
    const base = { id: v.id, date: v.date, ...(v.exemption.trim() ? { exemption: v.exemption.trim() } : {}) };
    if (v.kind === 'medicine') {
      const dosageText = v.dosageText.trim() || wordsFromNumbers;
      return {
        ...base, kind: 'medicine', packs: v.packs, ...(v.atc ? { atc: v.atc } : {}), ...(v.aic ? { aic: v.aic } : {}),
        ...(posology ? { posology } : {}), ...(dosageText ? { dosageText } : {}),
      };
    }
    const s = OUTPATIENT_SERVICES.find((x) => x.code === v.service && x.kind === v.kind);
    return { ...base, kind: v.kind, quantity: v.quantity, ...(s ? { service: { code: s.code, display: s.display }, ...(s.loinc ? { loinc: s.loinc } : {}) } : {}) };
  };

  const save = async () => {
    if (saving) return;
    const found: Errors = {};
    if (!v.date || !/^\d{4}-\d{2}-\d{2}$/.test(v.date)) found.date = t('record.form.errors.date');
    for (const k of ['unitsPerDose', 'dosesPerDay', 'durationDays', 'packs', 'quantity'] as const) if (typedButNotNumber(v[k])) found[k] = t('record.form.errors.number');
    const c = candidate() as Record<string, unknown>;
    const parsed = PrescriptionInput.safeParse(c);
    if (!parsed.success)
      for (const issue of parsed.error.issues) {
        const key = (issue.path[0] === 'posology' ? issue.path[1] : issue.path[0]) as keyof Errors;
        found[key] ??= issueText(t, issue, c);
      }
    if (v.kind === 'medicine' && !c.dosageText) found.dosageText = t('record.form.errors.required');
    setErrors(found);
    if (Object.keys(found).length || !parsed.success) return;
    setSaving(true);
    try {
      await draft.complete(() => api.call('prescriptions.create', { patientId, prescription: parsed.data, asChronicPlan: v.kind === 'medicine' && v.chronic, completesDraft: true }));
      notifications.show({ color: 'green', message: t('record.prescription.saved') });
      onClose();
    } catch (e) {
      setErrors({ form: errorText(t, e) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <RecordFormWindow title={t('record.prescription.title')} draft={draft} zone={zone} saving={saving} error={errors.form ?? null} onSave={() => void save()} onClose={onClose} data-testid="prescription-form">
      <Group grow align="flex-start">
        <NativeSelect
          label={t('record.prescription.kind')}
          value={v.kind}
          onChange={(e) => draft.patch({ kind: e.currentTarget.value as RxDraft['kind'], service: '' })}
          data={KINDS.map((k) => ({ value: k, label: t(`record.prescription.kinds.${k}`) }))}
        />
        <ClinicalDateInput label={t('record.form.date')} value={v.date} onChange={(date) => draft.patch({ date })} error={errors.date} required />
      </Group>
      {v.kind === 'medicine' ? (
        <>
          <CodePicker
            system="aic"
            label={t('record.prescription.aic')}
            value={v.aic ?? undefined}
            onChange={(aic, term) => draft.patch({ aic: aic ?? null, ...(term?.atc ? { atc: term.atc } : {}) })}
            error={errors.aic}
            data-autofocus
          />
          <CodePicker system="atc" label={t('record.prescription.atc')} value={v.atc ?? undefined} onChange={(atc) => draft.patch({ atc: atc ?? null })} error={errors.atc} required />
          <Group grow align="flex-start">
            <DecimalInput label={t('record.prescription.unitsPerDose')} value={v.unitsPerDose} onChange={(unitsPerDose) => draft.patch({ unitsPerDose })} error={errors.unitsPerDose} />
            <NativeSelect label={t('record.prescription.unit')} value={v.unit} onChange={(e) => draft.patch({ unit: e.currentTarget.value })} data={UNITS.map((u) => ({ value: u, label: t(`record.prescription.units.${u}`) }))} />
            <DecimalInput label={t('record.prescription.dosesPerDay')} value={v.dosesPerDay} onChange={(dosesPerDay) => draft.patch({ dosesPerDay })} error={errors.dosesPerDay} />
            <DecimalInput label={t('record.prescription.durationDays')} value={v.durationDays} onChange={(durationDays) => draft.patch({ durationDays })} integer unit={t('record.prescription.days')} error={errors.durationDays} />
          </Group>
          <Checkbox label={t('record.prescription.asNeeded')} checked={v.asNeeded} onChange={(e) => draft.patch({ asNeeded: e.currentTarget.checked })} />
          <TextInput
            label={t('record.prescription.dosageText')}
            description={t('record.prescription.dosageHint')}
            value={v.dosageText}
            placeholder={wordsFromNumbers}
            onChange={(e) => draft.patch({ dosageText: e.currentTarget.value })}
            error={errors.dosageText}
            autoComplete="off"
          />
          <Group grow align="flex-start">
            <DecimalInput label={t('record.prescription.packs')} value={v.packs} onChange={(packs) => draft.patch({ packs })} integer error={errors.packs} required />
            <TextInput label={t('record.prescription.exemption')} value={v.exemption} onChange={(e) => draft.patch({ exemption: e.currentTarget.value })} error={errors.exemption} autoComplete="off" />
          </Group>
          <Checkbox label={t('record.prescription.chronic')} checked={v.chronic} onChange={(e) => draft.patch({ chronic: e.currentTarget.checked })} />
        </>
      ) : (
        <Group grow align="flex-start">
          <NativeSelect
            label={t('record.prescription.service')}
            value={v.service}
            onChange={(e) => draft.patch({ service: e.currentTarget.value })}
            data={[{ value: '', label: '—' }, ...services.map((s) => ({ value: s.code, label: `${s.code} — ${s.display}` }))]}
            error={errors.service}
            required
          />
          <DecimalInput label={t('record.prescription.quantity')} value={v.quantity} onChange={(quantity) => draft.patch({ quantity })} integer error={errors.quantity} />
          <TextInput label={t('record.prescription.exemption')} value={v.exemption} onChange={(e) => draft.patch({ exemption: e.currentTarget.value })} autoComplete="off" />
        </Group>
      )}
    </RecordFormWindow>
  );
}
