/**
 * `cartella dicom info FILE...` and `cartella dicom decode FILE --frame N --out OUT.raw`:
 * the DICOM reader and decoders of shared/dicom, headless, for scripts and for checks
 * outside the test suite (which read these exact fields).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { nativeBytes } from '../../../shared/dicom/decode/native-bytes.ts';
import { readDicomdir } from '../../../shared/dicom/dicomdir.ts';
import { openDicom } from '../../../shared/dicom/open.ts';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from '../../../shared/dicom/tags.ts';
import { transferSyntax } from '../../../shared/dicom/transfer-syntax.ts';
import { isAppError } from '../../../shared/errors/index.ts';
import { parseCliArgs, requireString } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, printJsonLine, UsageError, type CliCommand } from '../command.ts';

const USAGE = `Usage: cartella dicom info FILE...
       cartella dicom decode FILE --frame N --out OUT.raw

info    One JSON line per file: {"file","transferSyntax","transferSyntaxName","sopClassUid",
        "modality","rows","columns","frames","samplesPerPixel","bitsAllocated","bitsStored",
        "pixelRepresentation","photometric"}; files without pixel data (structured reports,
        DICOMDIR) have no "rows"/"columns"/…; a DICOMDIR adds "dicomdir":{"patients",
        "studies","series","instances"}. A file that cannot be read gives
        {"file","error":{"code","reason","message"}}. Exit 0 when every file was read, else 1.
decode  Writes frame N (0-based; default 0) after decompression, as native DICOM stores it:
        grey and palette samples little-endian in BitsAllocated bits (1-bit packed), colour
        as interleaved 8-bit samples (RGB after JPEG/JPEG 2000 colour conversion). Prints
        {"file","frame","out","bytes","rows","columns","samplesPerPixel","bitsAllocated",
        "photometric"}, or {"file","error":{…}} and exit 1.`;

function errorLine(file: string, e: unknown) {
  if (isAppError(e)) {
    const data = e.data as { reason?: string; detail?: string } | undefined;
    return { file, error: { code: e.code, ...(data?.reason ? { reason: data.reason } : {}), ...(data?.detail ? { detail: data.detail } : {}), message: e.message } };
  }
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT' || err?.code === 'EACCES' || err?.code === 'EISDIR') return { file, error: { code: 'NOT_FOUND', message: err.message } };
  return { file, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

async function info(file: string): Promise<Record<string, unknown>> {
  const dicom = await openDicom(new Uint8Array(await readFile(file)));
  const m = dicom.metadata;
  const line: Record<string, unknown> = {
    file,
    transferSyntax: m.transferSyntaxUid,
    transferSyntaxName: transferSyntax(m.transferSyntaxUid)?.name ?? null,
    sopClassUid: m.sopClassUid ?? null,
    modality: m.modality ?? null,
  };
  const image = m.image;
  if (image) {
    Object.assign(line, {
      rows: image.rows,
      columns: image.columns,
      frames: image.frames,
      samplesPerPixel: image.samplesPerPixel,
      bitsAllocated: image.bitsAllocated,
      bitsStored: image.bitsStored,
      pixelRepresentation: image.pixelRepresentation,
      photometric: image.photometric,
    });
  } else line.frames = 0;
  if (m.sopClassUid === MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    const patients = readDicomdir(dicom.parsed);
    const studies = patients.flatMap((p) => p.studies);
    const series = studies.flatMap((s) => s.series);
    line.dicomdir = { patients: patients.length, studies: studies.length, series: series.length, instances: series.reduce((n, s) => n + s.instances.length, 0) };
  }
  return line;
}

async function decode(argv: string[]): Promise<number> {
  const { values, positionals } = parseCliArgs(argv, { frame: { type: 'string' }, out: { type: 'string' } });
  const [file, ...extra] = positionals;
  if (!file) throw new UsageError('FILE is required');
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra[0]}`);
  const out = requireString(values.out, 'out');
  const frame = values.frame === undefined ? 0 : Number(values.frame);
  if (!Number.isInteger(frame) || frame < 0) throw new UsageError('--frame must be a non-negative integer (0 is the first frame)');
  try {
    const dicom = await openDicom(new Uint8Array(await readFile(file)));
    const decoded = await dicom.decodeFrame(frame);
    const image = dicom.metadata.image!;
    const bytes = nativeBytes(decoded, image.bitsAllocated);
    await writeFile(out, bytes);
    printJsonLine({
      file,
      frame,
      out,
      bytes: bytes.length,
      rows: decoded.rows,
      columns: decoded.columns,
      samplesPerPixel: decoded.samplesPerPixel,
      bitsAllocated: decoded.samplesPerPixel > 1 ? 8 : image.bitsAllocated,
      photometric: decoded.photometric,
    });
    return EXIT_OK;
  } catch (e) {
    printJsonLine(errorLine(file, e));
    return EXIT_FAILURE;
  }
}

export const command: CliCommand = {
  name: 'dicom',
  summary: 'read DICOM files: info (one JSON line per file), decode a frame to raw samples',
  usage: USAGE,
  async run(argv) {
    const [verb, ...rest] = argv;
    if (verb === 'info') {
      const files = rest.filter((a) => a !== '--');
      if (files.length === 0) throw new UsageError('at least one FILE is required');
      const bad = files.find((f) => f.startsWith('-'));
      if (bad) throw new UsageError(`unknown option ${bad}`);
      let ok = true;
      // One file at a time: a folder of a CD may hold thousands, and each is read whole.
      for (const file of files) {
        try {
          printJsonLine(await info(file));
        } catch (e) {
          ok = false;
          printJsonLine(errorLine(file, e));
        }
      }
      return ok ? EXIT_OK : EXIT_FAILURE;
    }
    if (verb === 'decode') return decode(rest);
    throw new UsageError('expected info or decode');
  },
};
