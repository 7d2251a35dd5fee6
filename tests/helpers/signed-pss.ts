/**
 * Synthetic PSS PDFs (CDA attached) signed PAdES through `signing.signFiles` with the sandbox
 * test token, and the publication metadata of a PSS: shared by the contract tests that publish
 * to a gateway simulator (outbox, gateway settings).
 */
import { expect } from 'vitest';
import { renderPssPdf } from '../../electron/services/documents/pdf/render-pss.ts';
import type { AppContract } from '../../shared/api/index.ts';
import { buildPssCda } from '../../shared/documents/cda/pss/index.ts';
import { seededRandom } from '../../shared/random.ts';
import type { RpcClient } from '../../shared/rpc/index.ts';
import { syntheticPssInput } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

/** Publication metadata of a PSS by an MMG in Lazio (IG §5). */
export const PSS_METADATA = {
  tipologiaStruttura: 'Territorio',
  tipoDocumentoLivAlto: 'SUM',
  assettoOrganizzativo: 'AD_PSC130',
  tipoAttivitaClinica: 'OBS',
  identificativoSottomissione: '2.16.840.1.113883.2.9.2.120.4.3.1',
  identificativoRep: '2.16.840.1.113883.2.9.2.120.4.5.1',
  mode: 'ATTACHMENT',
  healthDataFormat: 'CDA',
};

/** Synthetic PSS PDFs (CDA attached), distinct patients, signed PAdES with the sandbox token in one batch. */
export async function signedPss(client: RpcClient<AppContract>, count: number, seed: number): Promise<{ pdf: string; title: string }[]> {
  const patients = syntheticPatients({ count, seed, today: new Date('2026-01-15') });
  const rand = seededRandom(seed);
  const files: { name: string; dataBase64: string }[] = [];
  for (let i = 0; i < patients.length; i++) {
    const input = syntheticPssInput(patients[i]!, i, rand, { today: '2026-01-15', role: 'MMG' });
    const { pdf } = await renderPssPdf(input, buildPssCda(input));
    files.push({ name: `PSS-${i}.pdf`, dataBase64: b64(pdf) });
  }
  const settings = await client.call('settings.get', {});
  const signed = await client.call('signing.signFiles', { batchId: `pss-${seed}`, mode: 'pades', files, pin: settings.sandbox.testPin ?? '12345678' });
  return signed.results.map((r, i) => {
    expect(r.ok, r.error?.message).toBe(true);
    return { pdf: r.signedBase64!, title: `Profilo Sanitario Sintetico ${i + 1}` };
  });
}
