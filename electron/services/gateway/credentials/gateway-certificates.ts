import type { AppContract } from '../../../../shared/api/index.ts';
import type { GatewayCertificateSummary } from '../../../../shared/api/gateway-certificates.ts';
import type { Handlers } from '../../../../shared/rpc/index.ts';
import type { GatewayCertificate } from '../../../../shared/signing/types.ts';
import type { DbClient } from '../../db/client.ts';

type Kind = GatewayCertificateSummary['kind'];

/** What is stored per role, in the settings table of the SQLCipher-encrypted database. */
export interface StoredGatewayCertificate {
  certPem: string;
  keyPem: string;
  chainPem: string[];
  summary: GatewayCertificateSummary;
}

const settingKey = (kind: Kind) => `gateway.certificate.${kind}`;

function validNow(notBefore: string, notAfter: string, now = new Date()): boolean {
  return new Date(notBefore) <= now && now <= new Date(notAfter);
}

function summarize(kind: Kind, c: GatewayCertificate, importedAt: string): GatewayCertificateSummary {
  return {
    kind,
    subject: c.subject.text,
    issuer: c.issuer.text,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    serialNumberHex: c.serialNumberHex,
    importedAt,
    currentlyValid: validNow(c.notBefore, c.notAfter),
  };
}

/** Reads one role's certificate and key, for the gateway client (mTLS, JWT signing). */
export async function loadGatewayCertificate(db: DbClient, kind: Kind): Promise<StoredGatewayCertificate | undefined> {
  const row = await db.call('settings.get', { key: settingKey(kind) });
  return row?.value as StoredGatewayCertificate | undefined;
}

export function gatewayCertificateHandlers(
  db: DbClient,
): Pick<Handlers<AppContract>, 'gatewayCertificates.import' | 'gatewayCertificates.list'> {
  return {
    async 'gatewayCertificates.import'(input, ctx) {
      // node-forge and PKI.js are loaded with the first import, not at start-up.
      const { importGatewayP12 } = await import('../../signing/p12.ts');
      const cert = importGatewayP12(new Uint8Array(Buffer.from(input.p12Base64, 'base64')), input.password);
      const summary = summarize(input.kind, cert, new Date().toISOString());
      const stored: StoredGatewayCertificate = { certPem: cert.certPem, keyPem: cert.keyPem, chainPem: cert.chainPem, summary };
      await db.call('settings.set', { actor: ctx.actor, key: settingKey(input.kind), value: stored });
      return summary;
    },
    async 'gatewayCertificates.list'() {
      const out: GatewayCertificateSummary[] = [];
      for (const kind of ['auth', 'signature'] as const) {
        const s = await loadGatewayCertificate(db, kind);
        if (s) out.push({ ...s.summary, currentlyValid: validNow(s.summary.notBefore, s.summary.notAfter) });
      }
      return out;
    },
  };
}
