import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StoredVerdict } from '../../../../shared/domain/record/index.ts';

const SYMBOL: Record<StoredVerdict['verdict'], string> = { valid: '✓', warnings: '⚠', invalid: '✗', indeterminate: '?', 'not-applicable': '' };

/** A stored verdict (validation, signature) in words with a symbol, the checker's first messages on hover. */
export function VerdictText({ kind, v }: { kind: 'validation' | 'signature'; v: StoredVerdict }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" fw={600} title={v.messages.slice(0, 3).join('\n')} data-testid={`verdict-${kind}`} data-verdict={v.verdict}>
      {SYMBOL[v.verdict] ? `${SYMBOL[v.verdict]} ` : ''}{t(`importDoc.verdict.${kind}`)}: {t(`importDoc.verdicts.${v.verdict}`)}{v.errors ? ` (${v.errors})` : ''}
      {v.signer ? ` — ${v.signer}` : ''}
    </Text>
  );
}
