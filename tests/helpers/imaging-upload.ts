/**
 * The UI's upload of a chosen folder or files (shared/imaging/upload.ts), from disk or from
 * bytes in memory, over a contract client: what the Immagini import dialog does in the browser.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import type { AppContract } from '../../shared/api/index.ts';
import type { RpcClient } from '../../shared/rpc/index.ts';
import { uploadForImport, type UploadSource } from '../../shared/imaging/upload.ts';

/** Files under `dir`, named as a browser names a picked folder's files: "<dir name>/<relative path>". */
export function folderSources(dir: string): UploadSource<Uint8Array>[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return entries
    .map((e) => join(e.parentPath, e.name))
    .sort()
    .map((file) => ({ name: `${basename(dir)}/${relative(dir, file).split(sep).join('/')}`, file: new Uint8Array(readFileSync(file)) }));
}

export async function upload(
  client: RpcClient<AppContract>,
  sessionId: string,
  sources: UploadSource<Uint8Array>[],
  mode: 'folder' | 'files',
  sent: string[] = [],
): Promise<void> {
  await uploadForImport(sessionId, sources, mode, {
    size: (f) => f.length,
    slice: async (f, start, end) => f.subarray(start, end),
    toBase64: (b) => Buffer.from(b).toString('base64'),
    send: async (input) => {
      if (!input.skip) sent.push(input.name);
      return client.call('imaging.importFile', input);
    },
  });
}

/** Starts a session for the patient and sends the sources; answers the session id. */
export async function stageForPatient(client: RpcClient<AppContract>, patientId: string, sources: UploadSource<Uint8Array>[], mode: 'folder' | 'files'): Promise<string> {
  const { sessionId } = await client.call('imaging.importStart', { patientId });
  await upload(client, sessionId, sources, mode);
  return sessionId;
}
