import type { Db } from '../open.ts';
import { appendAudit } from './audit.ts';

interface SettingRow {
  key: string;
  value: string;
  updated_at: string;
  version: number;
}

export interface Setting {
  key: string;
  value: unknown;
  updatedAt: string;
  version: number;
}

/** One setting, or undefined when it was never written. */
export function getSetting(db: Db, args: { key: string }): Setting | undefined {
  const r = db.prepare('SELECT key, value, updated_at, version FROM settings WHERE key = ?').get(args.key) as SettingRow | undefined;
  return r && { key: r.key, value: JSON.parse(r.value) as unknown, updatedAt: r.updated_at, version: r.version };
}

/**
 * Writes a setting (insert or replace, version + 1) with its audit entry in the same
 * transaction. The audit detail names the fields that changed, never their values.
 */
export function setSetting(db: Db, args: { actor: string; key: string; value: unknown }): Setting {
  const now = new Date().toISOString();
  const before = getSetting(db, { key: args.key });
  const json = JSON.stringify(args.value ?? null);
  db.prepare(
    `INSERT INTO settings (key, value, updated_at, version) VALUES (@key, @value, @now, 1)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, version = settings.version + 1`,
  ).run({ key: args.key, value: json, now });
  const prev = (before?.value ?? {}) as Record<string, unknown>;
  const next = (args.value ?? {}) as Record<string, unknown>;
  const fields =
    typeof next === 'object' && next !== null && typeof prev === 'object' && prev !== null
      ? [...new Set([...Object.keys(prev), ...Object.keys(next)])].filter((k) => JSON.stringify(prev[k]) !== JSON.stringify(next[k])).sort()
      : [];
  appendAudit(db, { actor: args.actor, action: before ? 'setting.update' : 'setting.create', entity: 'setting', entityId: args.key, detail: { fields } });
  return getSetting(db, { key: args.key })!;
}
