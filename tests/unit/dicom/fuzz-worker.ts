/**
 * Worker thread of fuzz.test.ts: opens, decodes and renders the bytes it is sent, and says
 * how it went. In a worker so that the test can bound each case in time (a decoder stuck
 * in a loop is terminated, and reported as a hang) and survive a crash of the thread.
 */
import { parentPort } from 'node:worker_threads';
import { readDicomdir } from '../../../shared/dicom/dicomdir.ts';
import { openDicom } from '../../../shared/dicom/open.ts';
import { renderRgba } from '../../../shared/dicom/render/render-frame.ts';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from '../../../shared/dicom/tags.ts';
import { isAppError } from '../../../shared/errors/index.ts';

export type FuzzOutcome = { id: number; outcome: 'ok' } | { id: number; outcome: 'typed'; reason: string } | { id: number; outcome: 'untyped'; message: string };

parentPort!.on('message', async ({ id, bytes }: { id: number; bytes: Uint8Array }) => {
  let result: FuzzOutcome;
  try {
    const dicom = await openDicom(bytes);
    if (dicom.metadata.sopClassUid === MEDIA_STORAGE_DIRECTORY_SOP_CLASS) readDicomdir(dicom.parsed);
    const image = dicom.metadata.image;
    if (image) renderRgba(await dicom.decodeFrame(image.frames - 1), image);
    result = { id, outcome: 'ok' };
  } catch (e) {
    result =
      // The entry points' safety net keeps these typed for users; here they count as failures.
      isAppError(e) && e.code === 'DICOM_INVALID' && !e.message.startsWith('unexpected ')
        ? { id, outcome: 'typed', reason: (e.data as { reason: string }).reason }
        : { id, outcome: 'untyped', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
  parentPort!.postMessage(result);
});
