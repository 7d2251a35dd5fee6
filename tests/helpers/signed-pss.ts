/**
 * Synthetic PSS PDFs (CDA attached) signed PAdES through `signing.signFiles` with the sandbox
 * test token, and the publication metadata of a PSS: shared by the contract tests that publish
 * to a gateway simulator (outbox, gateway settings).
 */
import { renderPssPdf } from '../../electron/services/documents/pdf/render-pss.ts';
import type { AppContract } from '../../shared/api/index.ts';
import { buildPssCda } from '../../shared/documents/cda/pss/index.ts';
import { seededRandom } from '../../shared/random.ts';
import type { RpcClient } from '../../shared/rpc/index.ts';
import { syntheticPssInput } from '../../shared/synthetic/clinical-record.ts';
import { syntheticPatients } from '../../shared/synthetic/patients.ts';
import { signPades } from './sign-and-publish.ts';

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');

export { PSS_METADATA } from './pss-metadata.ts';

/** Unsigned synthetic PSS PDFs (CDA attached), distinct patients, as pss.signingBatch gives them before the PIN. */
export async function unsignedPss(count: number, seed: number, prefix = 'PSS'): Promise<{ name: string; dataBase64: string }[]> {
  const patients = syntheticPatients({ count, seed, today: new Date('2026-01-15') });
  const rand = seededRandom(seed);
  const files: { name: string; dataBase64: string }[] = [];
  for (let i = 0; i < patients.length; i++) {
    const input = syntheticPssInput(patients[i]!, i, rand, { today: '2026-01-15', role: 'MMG' });
    const { pdf } = await renderPssPdf(input, buildPssCda(input));
    files.push({ name: `${prefix}-${i}.pdf`, dataBase64: b64(pdf) });
  }
  return files;
}

/** The same PDFs signed PAdES with the sandbox token in one batch. */
export async function signedPss(client: RpcClient<AppContract>, count: number, seed: number): Promise<{ pdf: string; title: string }[]> {
  const signed = await signPades(client, `pss-${seed}`, await unsignedPss(count, seed));
  return signed.map((pdf, i) => ({ pdf, title: `Profilo Sanitario Sintetico ${i + 1}` }));
}
