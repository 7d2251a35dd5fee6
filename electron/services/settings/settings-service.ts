import type { AppContract } from '../../../shared/api/index.ts';
import type { SigningSettings } from '../../../shared/api/settings.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../../shared/format/clinical-time.ts';
import type { SandboxToken } from '../signing/sandbox-token.ts';

/** What is stored under the `signing` key: the user's choice plus what only the sandbox sets. */
export interface StoredSigningSettings extends SigningSettings {
  /** Environment for the module (SOFTHSM2_CONF of the sandbox token); never set from the UI. */
  moduleEnv?: Record<string, string>;
  /** Trust anchors (PEM) for verification, e.g. the sandbox test CA. */
  trustAnchorsPem?: string[];
  /** True when this configuration points at the sandbox test token. */
  sandboxToken?: boolean;
}

const SIGNING_KEY = 'signing';

/**
 * The settings store over the db worker. In the sandbox, the first read presets the signing
 * configuration to the test token (created on demand by SandboxToken), unless the doctor
 * already configured something.
 */
export class SettingsStore {
  constructor(
    private readonly db: DbClient,
    private readonly sandboxToken: SandboxToken,
  ) {}

  private async read(): Promise<StoredSigningSettings | undefined> {
    const row = await this.db.call('settings.get', { key: SIGNING_KEY });
    return row?.value as StoredSigningSettings | undefined;
  }

  /** The signing configuration, presetting the sandbox token when nothing is configured yet. */
  async signing(): Promise<StoredSigningSettings> {
    const stored = await this.read();
    if (stored?.modulePath) return stored;
    const token = await this.sandboxToken.ensure();
    if (!token) return stored ?? {};
    const again = await this.read(); // a concurrent caller may have written it meanwhile
    if (again?.modulePath) return again;
    const preset: StoredSigningSettings = {
      presetId: 'softhsm',
      modulePath: token.module,
      moduleEnv: token.env,
      tokenLabel: token.tokenLabel,
      trustAnchorsPem: [token.caPem],
      sandboxToken: true,
    };
    await this.db.call('settings.set', { actor: 'sandbox', key: SIGNING_KEY, value: preset });
    return preset;
  }

  async setSigning(actor: string, input: SigningSettings): Promise<StoredSigningSettings> {
    const current = (await this.read()) ?? {};
    // Keep the module environment and trust anchors only while the same module stays chosen.
    const sameModule = current.modulePath !== undefined && current.modulePath === input.modulePath;
    const next: StoredSigningSettings = {
      ...(input.presetId ? { presetId: input.presetId } : {}),
      ...(input.modulePath ? { modulePath: input.modulePath } : {}),
      ...(input.tokenLabel ? { tokenLabel: input.tokenLabel } : {}),
      ...(input.certificateId ? { certificateId: input.certificateId } : {}),
      ...(sameModule && current.moduleEnv ? { moduleEnv: current.moduleEnv } : {}),
      ...(sameModule && current.trustAnchorsPem ? { trustAnchorsPem: current.trustAnchorsPem } : {}),
      ...(sameModule && current.sandboxToken ? { sandboxToken: true } : {}),
    };
    await this.db.call('settings.set', { actor, key: SIGNING_KEY, value: next });
    return next;
  }
}

export function publicSigning(s: StoredSigningSettings) {
  return {
    ...(s.presetId ? { presetId: s.presetId } : {}),
    ...(s.modulePath ? { modulePath: s.modulePath } : {}),
    ...(s.tokenLabel ? { tokenLabel: s.tokenLabel } : {}),
    ...(s.certificateId ? { certificateId: s.certificateId } : {}),
    configured: Boolean(s.modulePath),
    sandboxToken: Boolean(s.sandboxToken),
  };
}

type SettingsHandlers = Pick<Handlers<AppContract>, 'settings.get' | 'settings.setSigning' | 'settings.getClinical' | 'settings.setClinical'>;

const CLINICAL_KEY = 'clinical';

/** The zone clinical times are written in (shared/format/clinical-time.ts): the setting, else Europe/Rome. */
export async function clinicalTimeZone(db: DbClient): Promise<string> {
  const row = await db.call('settings.get', { key: CLINICAL_KEY });
  const zone = (row?.value as { timeZone?: string } | undefined)?.timeZone;
  return zone && isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

export function settingsService(store: SettingsStore, sandboxToken: SandboxToken, db: DbClient): SettingsHandlers {
  return {
    async 'settings.getClinical'() {
      return { timeZone: await clinicalTimeZone(db) };
    },
    async 'settings.setClinical'(input, ctx) {
      await db.call('settings.set', { actor: ctx.actor, key: CLINICAL_KEY, value: { timeZone: input.timeZone } });
      return { timeZone: input.timeZone };
    },
    async 'settings.get'() {
      const signing = await store.signing();
      return {
        signing: publicSigning(signing),
        sandbox: { state: sandboxToken.state, ...(sandboxToken.state === 'ready' ? { testPin: sandboxToken.testPin } : {}) },
      };
    },
    async 'settings.setSigning'(input, ctx) {
      return publicSigning(await store.setSigning(ctx.actor, input));
    },
  };
}
