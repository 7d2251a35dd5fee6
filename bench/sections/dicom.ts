/**
 * DICOM imaging: what the viewer's worker does per frame (parse the file's bytes, decode,
 * render RGBA) and what the importer does per instance (parse + metadata), on the sample
 * files of tests/fixtures/dicom. Medians; the first call of each wasm codec (module
 * instantiation) is reported on its own line. Goals (not tests): CT 512×512 decode+render
 * < 30 ms, a JPEG 2000 frame < 150 ms, scrolling a 100-slice series ≥ 30 frames/s; and the
 * import of 1,000 instances through the importer the app uses, per instance.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDicom } from '../../shared/dicom/open.ts';
import { parseDicom } from '../../shared/dicom/parse.ts';
import { readMetadata } from '../../shared/dicom/metadata.ts';
import { renderRgba } from '../../shared/dicom/render/render-frame.ts';
import { presetVoi } from '../../shared/dicom/render/voi.ts';
import { TAG } from '../../shared/dicom/tags.ts';
import { importDicom } from '../../electron/services/imaging/import-dicom.ts';
import { syntheticSeries } from '../../tests/helpers/dicom-writer.ts';
import { tempDir, tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const DIR = join(import.meta.dirname, '../../tests/fixtures/dicom');
const bytes = (file: string) => new Uint8Array(readFileSync(join(DIR, file)));

async function median(fn: () => Promise<unknown>, n: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return percentile(times, 50);
}

/** Parse + decode frame 0 + render with the file's VOI: the worker's cost to show a file. */
function showFrame(data: Uint8Array) {
  return async () => {
    const dicom = await openDicom(data);
    renderRgba(await dicom.decodeFrame(0), dicom.metadata.image!);
  };
}

export async function run(): Promise<void> {
  const ct = bytes('cornerstone-dicomParser/CT1_UNC.explicit_little_endian.dcm');
  report('dicom decode+render CT 512x512 16-bit', `${fmt(await median(showFrame(ct), 30))} ms`, 'explicit VR LE, parse + decode + RGBA');

  // First use of OpenJPEG (wasm instantiation), then warm frames.
  const j2k = bytes('pydicom-data/MR2_J2KR.dcm');
  let t = performance.now();
  await showFrame(j2k)();
  report('dicom first JPEG 2000 frame (codec load)', `${fmt(performance.now() - t)} ms`);
  const j2kDecode = async () => (await openDicom(j2k)).decodeFrame(0);
  report('dicom decode JPEG 2000 frame', `${fmt(await median(j2kDecode, 10))} ms`, 'MR 1024x1024 12-bit lossless (.90)');
  const j2kLossy = bytes('pydicom-data/MR2_J2KI.dcm');
  report('dicom decode JPEG 2000 frame, lossy', `${fmt(await median(async () => (await openDicom(j2kLossy)).decodeFrame(0), 10))} ms`, 'MR 1024x1024 (.91)');

  const perSyntax: [string, string][] = [
    ['JPEG-LS CT 512x512', 'cornerstone-dicomParser/CT1_UNC.not_fragmented_bot_jpeg_ls.80.dcm'],
    ['JPEG lossless CT 512x512', 'cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_lossless.70.dcm'],
    ['JPEG 12-bit extended CT 512x512', 'cornerstone-dicomParser/CT0012.fragmented_no_bot_jpeg_baseline.51.dcm'],
    ['RLE CT 512x512', 'cornerstone-dicomParser/CT0012.not_fragmented_bot_rle.dcm'],
    ['JPEG baseline US 320x240 RGB', 'cornerstone-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm'],
    ['HTJ2K 640x480 RGB', 'pydicom-data/HTJ2K_08_RGB.dcm'],
    ['deflate 512x512 8-bit', 'cornerstone-dicomParser/image_dfl'],
  ];
  for (const [name, file] of perSyntax) {
    const data = bytes(file);
    await showFrame(data)(); // codec load not counted
    report(`dicom decode+render ${name}`, `${fmt(await median(showFrame(data), 15))} ms`);
  }

  // Scrolling a series: frames already decoded, each redrawn with a new window (drag).
  const dicom = await openDicom(ct);
  const frame = await dicom.decodeFrame(0);
  const image = dicom.metadata.image!;
  const out = new Uint8ClampedArray(frame.rows * frame.columns * 4);
  const windows = [presetVoi('polmone'), presetVoi('osso'), presetVoi('addome'), presetVoi('encefalo')];
  let k = 0;
  const renderMs = await median(async () => renderRgba(frame, image, { voi: windows[k++ % 4]! }, out), 100);
  report('dicom render CT 512x512 (window change)', `${fmt(renderMs)} ms`, `${Math.round(1000 / renderMs)} frames/s if decoded ahead`);

  // Import: parse + metadata per instance, pixel data not read (the importer copies bytes).
  const instance = bytes('pydicom-test_files/dicomdirtests/98892001/CT5N/2062');
  const perInstance = await median(async () => {
    readMetadata(await parseDicom(instance, { untilTag: TAG.PixelData }));
    readMetadata(await parseDicom(ct, { untilTag: TAG.PixelData }));
  }, 200);
  report('dicom parse+metadata per instance', `${fmt(perInstance / 2)} ms`, 'metadata only; 1,000 instances ≈ ' + `${fmt((perInstance / 2) * 1000)} ms`);

  // Scrolling a 100-slice series as the viewer first meets it: each slice parsed, decoded and
  // rendered with the file's window, one after the other (the worker's cost per wheel step
  // before anything is cached).
  const series = syntheticSeries('2.25.7100', 100, { patientName: 'BENCH^SCROLL', patientId: 'B1', rows: 512, columns: 512, window: { center: 40, width: 400 } });
  await showFrame(series[0]!.bytes)();
  let start = performance.now();
  for (const slice of series) await showFrame(slice.bytes)();
  const perSlice = (performance.now() - start) / series.length;
  report('dicom scroll 100-slice series CT 512x512', `${fmt(perSlice)} ms/slice`, `${Math.round(1000 / perSlice)} frames/s, parse + decode + render each slice`);

  // Import of 1,000 instances: a folder of 10 series × 100 slices (256×256 16-bit, 128 KiB each)
  // through importDicom (read in the import worker, staged encrypted, indexed, applied).
  const services = await tempServices();
  const media = tempDir();
  try {
    const patient = await services.dispatcher.dispatch('patients.create', { surname: 'Bench', givenName: 'Import', sex: 'F', birthDate: '1970-01-01', identifierKind: 'STP', identifier: 'STP0000000007100' }, { actor: 'bench', transport: 'in-process' });
    if (!patient.ok) throw new Error(patient.error.message);
    for (let k = 0; k < 10; k++) {
      const folder = join(media.path, `S${k}`);
      mkdirSync(folder, { recursive: true });
      for (const f of syntheticSeries(`2.25.72${k}`, 100, { patientName: 'Bench^Import', patientId: 'X', birthDate: '19700101', rows: 256, columns: 256 })) writeFileSync(join(folder, f.name), f.bytes);
    }
    start = performance.now();
    const result = await importDicom(services, [media.path], { patientId: (patient.value as { id: string }).id });
    const ms = performance.now() - start;
    const added = result.studies.reduce((n, x) => n + (x.added ?? 0), 0);
    report('imaging import 1,000 instances', `${fmt(ms / Math.max(1, added))} ms/instance`, `${added} instances in ${fmt(ms / 1000)} s (256x256 16-bit, encrypted at rest)`);
  } finally {
    await services.dispose();
    media.dispose();
  }
}
