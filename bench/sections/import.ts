/**
 * Import of received documents (goal: one LAB CDA < 20 ms; 1,000 documents with the
 * per-document figure). "Import" here is what confirming costs once the file is read: parse
 * the CDA (shared readers, in the validation worker as the app does), dedupe against the
 * record and write (document + bytes + facts + audit, one transaction in the database
 * worker). The gateway validation of the same CDA runs
 * in the validation worker and is reported on its own line; the signature check only applies
 * to signed files.
 */
import { readFileSync } from 'node:fs';
import { readReceived } from '../../electron/services/import/read-received.ts';
import { parseReceivedCda } from '../../shared/import/parse-cda.ts';
import { CdaValidationWorker } from '../../electron/services/validation/worker-client.ts';
import { tempServices } from '../../tests/helpers/temp-services.ts';
import { fmt, percentile, report } from './stats.ts';

const LAB = readFileSync('tests/fixtures/cda/official-examples/LAB.xml', 'utf8');
const RAD = readFileSync('tests/fixtures/cda/official-examples/RAD.xml', 'utf8');
const ERF = readFileSync('tests/fixtures/import/erf/ERF-1.xml', 'utf8');

/** The official LAB as the n-th report of the same patient: its own id, date and value. */
function labVariant(n: number): Uint8Array {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const month = String(1 + (Math.floor(n / 28) % 12)).padStart(2, '0');
  const year = 2000 + Math.floor(n / 336);
  return new TextEncoder().encode(
    LAB.replaceAll('OQlvTq1J', `B${n}`)
      .replace('<value xsi:type="PQ" value="16.00" unit="mg/L"/>', `<value xsi:type="PQ" value="${(10 + (n % 40)).toFixed(2)}" unit="mg/L"/>`)
      .replaceAll('20220330112426+0100', `${year}${month}${day}083000+0100`),
  );
}

function variant(text: string, n: number, idPart: string): Uint8Array {
  return new TextEncoder().encode(text.replaceAll(idPart, `${idPart}.${n}`));
}

export async function run(): Promise<void> {
  const s = await tempServices();
  const reader = new CdaValidationWorker();
  try {
    const p = await s.db.call('patients.insert', { actor: 'bench', patient: { surname: 'Gatwa', givenName: 'Gawy', sex: 'F', birthDate: '1982-02-02', identifierKind: 'CF', identifier: 'GTWGWY82B42G920M' } });
    const importOne = async (bytes: Uint8Array, name: string) => {
      const read = await readReceived(bytes, { fileName: name, mappings: [], trustAnchorsPem: [], worker: reader });
      return s.db.call('import.received', {
        actor: 'bench', patientId: p.id, createPatient: false, content: read.content, identity: read.identity,
        validation: read.validation, signature: read.signature, apply: true, bytes,
      });
    };
    // Warm-up (module loading, statement cache).
    for (let i = 0; i < 20; i++) await importOne(labVariant(100_000 + i), 'warm.xml');

    const parse: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      parseReceivedCda(LAB);
      parse.push(performance.now() - t);
    }
    const one: number[] = [];
    for (let i = 0; i < 200; i++) {
      const bytes = labVariant(i);
      const t = performance.now();
      const r = await importOne(bytes, 'LAB.xml');
      one.push(performance.now() - t);
      if (r.added['observations'] !== 1) throw new Error('LAB variant not imported');
    }
    report('LAB CDA: parse only (shared reader), p50', `${fmt(percentile(parse, 50))} ms`, 'baseline');
    report('LAB CDA import (parse + dedupe + write), p50', `${fmt(percentile(one, 50))} ms`);
    report('LAB CDA import (parse + dedupe + write), p95', `${fmt(percentile(one, 95))} ms`, 'goal < 20 ms');
    const again: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const r = await importOne(labVariant(i), 'LAB.xml');
      again.push(performance.now() - t);
      if (!r.duplicate) throw new Error('duplicate not found');
    }
    report('the same LAB again (found as duplicate), p50', `${fmt(percentile(again, 50))} ms`);

    const worker = new CdaValidationWorker();
    try {
      await worker.validate(labVariant(0));
      const v: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        await worker.validate(labVariant(i));
        v.push(performance.now() - t);
      }
      report('LAB gateway validation (validation worker, warm), p50', `${fmt(percentile(v, 50))} ms`, 'apart from the import');
    } finally {
      await worker.close();
    }

    // 1,000 received documents of one patient: LAB, RAD, ERF in turn.
    const t0 = performance.now();
    for (let i = 0; i < 1000; i++) {
      const k = i % 3;
      const bytes = k === 0 ? labVariant(10_000 + i) : k === 1 ? variant(RAD, i, 'OQlvTq1J') : variant(ERF, i, 'CARTELLA.ERF.TEST.0001');
      await importOne(bytes, 'doc.xml');
    }
    const total = performance.now() - t0;
    report('1,000 received documents (LAB, RAD, ERF in turn)', `${fmt(total)} ms`, `${fmt(total / 1000)} ms per document`);
    const list = await s.db.call('received.list', { patientId: p.id, limit: 200 });
    const tl = performance.now();
    await s.db.call('received.list', { patientId: p.id, limit: 200 });
    report(`received.list of a patient with ${list.total} documents (200 rows)`, `${fmt(performance.now() - tl)} ms`);
  } finally {
    await reader.close();
    await s.dispose();
  }
}
