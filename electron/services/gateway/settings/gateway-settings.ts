/**
 * Impostazioni → Gateway FSE over the typed contract (shared/api/gateway-settings.ts): the
 * environment, base URL and JWT identity, kept in the settings table under the `gateway` key
 * the outbox reads (sandbox-gateway.ts); the write is audited with field names only. After a
 * write the outbox reloads its gateway (no restart).
 */
import type { AppContract } from '../../../../shared/api/index.ts';
import type { GatewaySettingsInput, GatewaySettingsView } from '../../../../shared/api/gateway-settings.ts';
import { assertCodiceFiscale } from '../../../../shared/domain/assert-codice-fiscale.ts';
import { GATEWAY_BASE_URLS } from '../../../../shared/gateway/schemas.ts';
import type { Handlers } from '../../../../shared/rpc/index.ts';
import type { DbClient } from '../../db/client.ts';
import { missingForRealGateway, type GatewayRuntime, type StoredGatewaySettings } from '../../outbox/sandbox-gateway.ts';
import { loadGatewayCertificate } from '../credentials/gateway-certificates.ts';

const GATEWAY_KEY = 'gateway';

export interface GatewaySettingsDeps {
  db: DbClient;
  sandbox: boolean;
  /** The outbox's gateway (its connection shows the URL in use) and its reload after a write. */
  outbox: { gateway: Pick<GatewayRuntime, 'connection'>; reloadGateway(): Promise<void> };
  env?: Record<string, string | undefined>;
}

export function gatewaySettingsHandlers(deps: GatewaySettingsDeps): Pick<Handlers<AppContract>, 'gatewaySettings.get' | 'gatewaySettings.set'> {
  const env = deps.env ?? process.env;

  async function read(): Promise<StoredGatewaySettings | undefined> {
    return (await deps.db.call('settings.get', { key: GATEWAY_KEY }))?.value as StoredGatewaySettings | undefined;
  }

  async function view(stored: StoredGatewaySettings | undefined): Promise<GatewaySettingsView> {
    const environment = stored?.environment ?? (deps.sandbox ? 'sandbox' : 'validation');
    const [auth, signature] = await Promise.all([loadGatewayCertificate(deps.db, 'auth'), loadGatewayCertificate(deps.db, 'signature')]);
    const missing: string[] = [];
    if (environment === 'validation' || environment === 'production') missing.push(...missingForRealGateway(stored, { auth, signature }));
    if (environment === 'simulator' && !stored?.baseUrl) missing.push('URL del simulatore non impostato');
    const connection = deps.outbox.gateway.connection();
    const effectiveBaseUrl =
      connection.url ?? (environment === 'validation' || environment === 'production' ? (stored?.baseUrl ?? GATEWAY_BASE_URLS[environment]) : stored?.baseUrl);
    return {
      environment,
      ...(stored?.baseUrl ? { baseUrl: stored.baseUrl } : {}),
      ...(effectiveBaseUrl ? { effectiveBaseUrl } : {}),
      ...(stored?.identity ? { identity: stored.identity } : {}),
      configured: missing.length === 0,
      missing,
      certificates: { auth: Boolean(auth), signature: Boolean(signature) },
      overriddenByEnvironment: Boolean(env['CARTELLA_GATEWAY_URL']),
    };
  }

  return {
    async 'gatewaySettings.get'() {
      return view(await read());
    },
    async 'gatewaySettings.set'(input: GatewaySettingsInput, ctx) {
      const identity = input.identity && { ...input.identity, subjectFiscalCode: assertCodiceFiscale(input.identity.subjectFiscalCode, 'doctor') };
      const next: StoredGatewaySettings = {
        environment: input.environment,
        ...(input.baseUrl && input.environment !== 'sandbox' ? { baseUrl: input.baseUrl.replace(/\/+$/, '') } : {}),
        ...(identity ? { identity } : {}),
      };
      await deps.db.call('settings.set', { actor: ctx.actor, key: GATEWAY_KEY, value: next });
      await deps.outbox.reloadGateway();
      return view(next);
    },
  };
}
