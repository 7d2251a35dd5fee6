/**
 * Immagini: the import sessions (files read and staged encrypted, previewed, applied study by
 * study), the index queries, and an instance's file for the viewer. The contract handlers are
 * thin over the runtime's functions, which `importDicom` (import-dicom.ts) also uses, so the
 * CLI and the UI import through the same steps.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { sep } from 'node:path';
import type { AppContract } from '../../../shared/api/index.ts';
import { IMPORT_PART_BYTES, type FileProblem, type ImportPreview, type ImportResult } from '../../../shared/api/imaging.ts';
import { resolveMediaPaths } from '../../../shared/dicom/media-paths.ts';
import type { PatientSummary } from '../../../shared/domain/patient.ts';
import { AppError, isAppError } from '../../../shared/errors/index.ts';
import type { DicomProblem } from '../../../shared/errors/codes.ts';
import type { EventHub, Handlers } from '../../../shared/rpc/index.ts';
import type { DbClient } from '../db/client.ts';
import type { Logger } from '../ports.ts';
import { candidateKeys, groupStudies, missingReferenced, planStudy } from './import-plan.ts';
import { ImportSession } from './import-session.ts';
import { relativeToRoot, sourceRoots } from './import-sources.ts';
import { ImportWorker } from './import-worker-client.ts';
import { deriveObjectKey, newObjectId, ObjectStore } from './object-store.ts';

type ImagingHandlers = Pick<
  Handlers<AppContract>,
  | 'imaging.importStart'
  | 'imaging.importFile'
  | 'imaging.importPreview'
  | 'imaging.importApply'
  | 'imaging.importCancel'
  | 'imaging.studies'
  | 'imaging.study'
  | 'imaging.instanceFile'
  | 'imaging.removeStudy'
>;

export type FileOutcome = Awaited<ReturnType<ImagingHandlers['imaging.importFile']>>;
export type StudySelection = { studyUid: string; confirmed: boolean };

/** A session left idle this long is dropped with its staged files. */
const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** Files larger than this are not images a doctor views, but corrupt headers or video. */
const MAX_FILE_BYTES = 2 ** 30;
/** Files read at once from paths: parsing in the worker overlaps the next files' I/O. */
const READ_CONCURRENCY = 4;

export interface ImagingRuntime {
  handlers: ImagingHandlers;
  store: ObjectStore;
  start(patientId: string | undefined): Promise<ImportSession>;
  /** Reads paths (folders, DICOMDIR, files) into a session; emits `reading` progress. */
  addPaths(session: ImportSession, paths: readonly string[]): Promise<void>;
  preview(session: ImportSession, patientId: string): Promise<ImportPreview>;
  /** Applies the selections for one patient; the session stays open (end it with `end`). */
  apply(session: ImportSession, patientId: string, selections: readonly StudySelection[], actor: string): Promise<ImportResult>;
  end(session: ImportSession): Promise<void>;
  close(): Promise<void>;
}

function problemOf(e: unknown, file: string): FileProblem {
  if (isAppError(e) && e.code === 'DICOM_INVALID') {
    const data = e.data as { reason: DicomProblem; detail?: string };
    return data.detail ? { file, reason: data.reason, detail: data.detail } : { file, reason: data.reason };
  }
  if (isAppError(e) && e.code === 'NOT_FOUND' && (e.data as { entity?: string } | undefined)?.entity === 'sourceFile') return { file, reason: 'unreadable' };
  throw e;
}

function folderOf(name: string): string {
  const i = name.lastIndexOf('/');
  return i < 0 ? '' : name.slice(0, i);
}

function summaryOf(p: PatientSummary): PatientSummary {
  return { id: p.id, surname: p.surname, givenName: p.givenName, sex: p.sex, birthDate: p.birthDate, identifierKind: p.identifierKind, identifier: p.identifier };
}

export async function createImagingRuntime(deps: { db: DbClient; events: EventHub; dataDir: string; databaseKeyHex: string; logger: Logger }): Promise<ImagingRuntime> {
  const { db, events, logger } = deps;
  const key = await deriveObjectKey(deps.databaseKeyHex);
  const store = new ObjectStore(deps.dataDir, key);
  // Staging from a run that stopped mid-import: nothing there was indexed.
  await store.discardAllStaging();
  const worker = new ImportWorker({ key, dataDir: deps.dataDir });
  const sessions = new Map<string, ImportSession>();

  function session(id: string): ImportSession {
    const s = sessions.get(id);
    if (!s) throw new AppError('NOT_FOUND', 'No such import session (ended or expired)', { entity: 'imagingImport', id });
    s.touch();
    return s;
  }

  async function end(s: ImportSession): Promise<void> {
    sessions.delete(s.id);
    await store.discardSession(s.id);
  }

  async function start(patientId: string | undefined): Promise<ImportSession> {
    if (patientId !== undefined) await db.call('patients.get', { id: patientId });
    for (const old of sessions.values()) if (!old.applying && Date.now() - old.lastUsed > SESSION_IDLE_MS) await end(old);
    const s = new ImportSession(randomBytes(16).toString('hex'), patientId);
    sessions.set(s.id, s);
    return s;
  }

  /** One file into the session: staged, recorded as DICOMDIR, skipped, or a problem. */
  async function read(s: ImportSession, name: string, source: { bytes: Uint8Array } | { path: string }, alone: boolean): Promise<FileOutcome> {
    const objectId = newObjectId();
    s.received.push(name);
    try {
      const r = await worker.stage({ name, sessionId: s.id, objectId, ...source });
      if (r.kind === 'instance') {
        const duplicate = s.instances.has(r.instance.sopInstanceUid);
        if (duplicate) await rm(store.stagedPath(s.id, objectId), { force: true });
        else s.instances.set(r.instance.sopInstanceUid, r.instance);
        return { outcome: 'instance', duplicate };
      }
      if (r.kind === 'dicomdir') {
        s.dicomdirs.push({ folder: folderOf(name), referenced: r.referenced, listing: r.listing });
        return { outcome: 'dicomdir', referenced: r.referenced };
      }
      if (alone) {
        const problem: FileProblem = { file: name, reason: 'not-dicom' };
        s.problems.push(problem);
        return { outcome: 'problem', problem };
      }
      s.skipped++;
      return { outcome: 'not-dicom' };
    } catch (e) {
      const problem = problemOf(e, name);
      s.problems.push(problem);
      return { outcome: 'problem', problem };
    }
  }

  async function addPaths(s: ImportSession, paths: readonly string[]): Promise<void> {
    const display = (p: string) => p.split(sep).join('/');
    const jobs: { path: string; alone: boolean }[] = [];
    for (const root of await sourceRoots(paths)) {
      if (!root.dicomdir) {
        for (const f of root.files) jobs.push({ path: f, alone: root.alone });
        continue;
      }
      const outcome = await read(s, display(root.dicomdir), { path: root.dicomdir }, true);
      if (outcome.outcome !== 'dicomdir') continue;
      // Through the DICOMDIR: only the files it references, found case-insensitively (CDs).
      const relative = root.files.map((f) => relativeToRoot(root.path, f));
      const found = resolveMediaPaths(outcome.referenced, relative);
      for (const rel of new Set(found.values())) jobs.push({ path: `${root.path}${sep}${rel.split('/').join(sep)}`, alone: true });
    }
    let done = 0;
    let next = 0;
    let lastEmit = 0;
    const progress = (force: boolean) => {
      if (!force && Date.now() - lastEmit < 200) return;
      lastEmit = Date.now();
      events.emit('imaging.importProgress', { sessionId: s.id, phase: 'reading', done, total: jobs.length });
    };
    progress(true);
    await Promise.all(
      Array.from({ length: Math.min(READ_CONCURRENCY, jobs.length) }, async () => {
        while (next < jobs.length) {
          const job = jobs[next++]!;
          await read(s, display(job.path), { path: job.path }, job.alone);
          done++;
          progress(false);
        }
      }),
    );
    progress(true);
  }

  async function preview(s: ImportSession, patientId: string): Promise<ImportPreview> {
    const patient = summaryOf(await db.call('patients.get', { id: patientId }));
    const groups = groupStudies(s.instances.values());
    const candidates = await db.call('imaging.candidates', candidateKeys(groups));
    const existing = new Map((await db.call('imaging.existing', { sopInstanceUids: [...s.instances.keys()] })).map((r) => [r.sopInstanceUid, r.patient]));
    const listing = s.dicomdirs.reduce(
      (sum, d) => ({ patients: sum.patients + d.listing.patients, studies: sum.studies + d.listing.studies, series: sum.series + d.listing.series, instances: sum.instances + d.listing.instances }),
      { patients: 0, studies: 0, series: 0, instances: 0 },
    );
    return {
      sessionId: s.id,
      patient,
      files: { instances: s.instances.size, dicomdir: s.dicomdirs.length, skipped: s.skipped },
      ...(s.dicomdirs.length > 0 ? { dicomdir: listing } : {}),
      studies: groups.map((g) => planStudy(g, patient, candidates, existing)),
      problems: [...s.problems, ...missingReferenced(s.dicomdirs, s.received)],
    };
  }

  async function apply(s: ImportSession, patientId: string, selections: readonly StudySelection[], actor: string): Promise<ImportResult> {
    if (s.applying) throw new AppError('CONFLICT', 'This import is already being applied', { entity: 'imagingImport' });
    const plan = await preview(s, patientId);
    const planned = new Map(plan.studies.map((p) => [p.studyUid, p]));
    // Every check before anything is written: a refusal leaves the session as it was.
    for (const sel of selections) {
      const p = planned.get(sel.studyUid);
      if (!p) throw new AppError('NOT_FOUND', 'No such study in this import', { entity: 'imagingStudy', id: sel.studyUid });
      // A study with nothing new writes nothing: importing it again needs no confirmation.
      if (p.agreement !== 'same' && !sel.confirmed && p.newInstances > 0) throw new AppError('CONFLICT', "The study's files do not name this patient and the doctor did not confirm it", { entity: 'imagingStudy', field: 'patient' });
    }
    s.applying = true;
    try {
      const groups = new Map(groupStudies(s.instances.values()).map((g) => [g.uid, g]));
      const existing = new Set((await db.call('imaging.existing', { sopInstanceUids: [...s.instances.keys()] })).map((r) => r.sopInstanceUid));
      const work = selections.map((sel) => ({ sel, plan: planned.get(sel.studyUid)!, fresh: groups.get(sel.studyUid)!.instances.filter((i) => !existing.has(i.sopInstanceUid)) }));
      const total = work.reduce((n, w) => n + w.fresh.length, 0);
      let done = 0;
      let lastEmit = 0;
      const progress = (force: boolean) => {
        if (!force && Date.now() - lastEmit < 200) return;
        lastEmit = Date.now();
        events.emit('imaging.importProgress', { sessionId: s.id, phase: 'saving', done, total });
      };
      progress(true);
      const studies: ImportResult['studies'] = [];
      for (const { sel, plan: p, fresh } of work) {
        const matchedBy = p.agreement === 'same' && p.matchBy ? p.matchBy : 'confirmed';
        const elsewhere = p.elsewhere.reduce((n, e) => n + e.instances, 0);
        if (fresh.length === 0) {
          studies.push({ studyUid: sel.studyUid, matchedBy, added: 0, alreadyHere: p.alreadyHere, elsewhere });
          continue;
        }
        // Files first, then the index that names them: a crash in between leaves unnamed
        // encrypted files, never an index entry without its file.
        const committed: string[] = [];
        let indexed: string[];
        try {
          for (const i of fresh) {
            await store.commit(s.id, i.objectId);
            committed.push(i.objectId);
            done++;
            progress(false);
          }
          const g = groups.get(sel.studyUid)!;
          ({ indexed } = await db.call('imaging.indexStudy', {
            actor,
            patientId,
            matchedBy,
            dicomPatient: g.patient as Record<string, unknown>,
            study: g.study,
            series: [...g.series.values()].map((x) => x.series),
            instances: fresh.map((i) => ({
              sopInstanceUid: i.sopInstanceUid, sopClassUid: i.sopClassUid, kind: i.kind, frames: i.frames, transferSyntax: i.transferSyntax,
              objectId: i.objectId, size: i.size, sha256: i.sha256, seriesUid: i.series.uid,
              ...(i.number !== undefined ? { number: i.number } : {}),
              ...(i.rows !== undefined ? { rows: i.rows } : {}),
              ...(i.columns !== undefined ? { columns: i.columns } : {}),
              ...(i.position !== undefined ? { position: i.position } : {}),
            })),
          }));
        } catch (e) {
          await Promise.all(committed.map((id) => store.remove(id)));
          throw e;
        }
        // Instances another import indexed meanwhile: their copies here are not needed.
        const kept = new Set(indexed);
        await Promise.all(committed.filter((id) => !kept.has(id)).map((id) => store.remove(id)));
        studies.push({ studyUid: sel.studyUid, matchedBy, added: indexed.length, alreadyHere: p.alreadyHere + (fresh.length - indexed.length), elsewhere });
      }
      progress(true);
      if (studies.some((x) => x.added > 0)) events.emit('imaging.changed', { patientId });
      logger.info('Imaging import applied', { session: s.id, studies: studies.length, added: studies.reduce((n, x) => n + x.added, 0) });
      return { patientId, studies, problems: plan.problems };
    } finally {
      s.applying = false;
    }
  }

  async function importFile(input: { sessionId: string; name: string; dataBase64: string; part: number; parts: number; alone: boolean; skip: boolean }): Promise<FileOutcome> {
    const s = session(input.sessionId);
    if (input.skip) {
      s.received.push(input.name);
      s.skipped++;
      return { outcome: 'not-dicom' };
    }
    const chunk = Buffer.from(input.dataBase64, 'base64');
    if (input.parts === 1) return read(s, input.name, { bytes: new Uint8Array(chunk) }, input.alone);
    const partial = s.partial.get(input.name) ?? { next: 0, chunks: [] };
    if (input.part !== partial.next || chunk.length > IMPORT_PART_BYTES) {
      s.partial.delete(input.name);
      throw new AppError('INVALID_INPUT', 'File part out of order', { issues: [{ path: 'part', message: `expected part ${partial.next}` }] });
    }
    partial.chunks.push(chunk);
    partial.next++;
    const size = partial.chunks.reduce((n, c) => n + c.length, 0);
    if (size > MAX_FILE_BYTES) {
      s.partial.delete(input.name);
      const problem: FileProblem = { file: input.name, reason: 'unsupported-image', detail: 'too-large' };
      s.problems.push(problem);
      return { outcome: 'problem', problem };
    }
    if (input.part < input.parts - 1) {
      s.partial.set(input.name, partial);
      return { outcome: 'pending' };
    }
    s.partial.delete(input.name);
    return read(s, input.name, { bytes: new Uint8Array(Buffer.concat(partial.chunks)) }, input.alone);
  }

  const handlers: ImagingHandlers = {
    async 'imaging.importStart'(input) {
      return { sessionId: (await start(input.patientId)).id };
    },
    async 'imaging.importFile'(input) {
      return importFile(input);
    },
    async 'imaging.importPreview'(input) {
      const s = session(input.sessionId);
      return preview(s, s.patientId!);
    },
    async 'imaging.importApply'(input, ctx) {
      const s = session(input.sessionId);
      const result = await apply(s, s.patientId!, input.studies, ctx.actor);
      await end(s);
      return result;
    },
    async 'imaging.importCancel'(input) {
      const s = sessions.get(input.sessionId);
      if (s && !s.applying) await end(s);
      return {};
    },
    async 'imaging.studies'(input) {
      return { studies: await db.call('imaging.studies', input) };
    },
    async 'imaging.study'(input, ctx) {
      return db.call('imaging.study', { ...input, actor: ctx.actor });
    },
    async 'imaging.instanceFile'(input) {
      const { objectId } = await db.call('imaging.instanceObject', input);
      return { dataBase64: Buffer.from(await store.read(objectId)).toString('base64') };
    },
    async 'imaging.removeStudy'(input, ctx) {
      const { objectIds } = await db.call('imaging.removeStudy', { ...input, actor: ctx.actor });
      await Promise.all(objectIds.map((id) => store.remove(id)));
      events.emit('imaging.changed', { patientId: input.patientId });
      return { instances: objectIds.length };
    },
  };

  return {
    handlers,
    store,
    start,
    addPaths,
    preview,
    apply,
    end,
    async close() {
      await worker.close();
      for (const s of [...sessions.values()]) await end(s);
    },
  };
}
