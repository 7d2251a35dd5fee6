/** A patient's access list (queries/access-log.ts): every access verb is a view, changes are changes, other patients never show. */
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/services/db/migrations/index.ts';
import { listAccesses, logAccess } from '../../../electron/services/db/queries/access-log.ts';
import { appendAudit } from '../../../electron/services/db/queries/audit.ts';
import { insertPatient } from '../../../electron/services/db/queries/patients.ts';
import { syntheticPatients } from '../../../shared/synthetic/patients.ts';
import { freshDatabase } from '../../migrations/helpers.ts';

describe('access log', () => {
  let t: ReturnType<typeof freshDatabase>;
  afterEach(() => t.dispose());

  it('lists record and document openings (also a received original opened: document.view) and exports as accesses, newest first', () => {
    t = freshDatabase();
    migrate(t.db);
    const [a, b] = syntheticPatients({ count: 2, seed: 12 }).map((p) => insertPatient(t.db, { actor: 'u', patient: p }).id) as [string, string];
    logAccess(t.db, { actor: 'u', patientId: a, action: 'access.record', authorId: 'RSSMRA70A01H501S' });
    appendAudit(t.db, { actor: 'u', action: 'document.view', entity: 'received-document', entityId: a, detail: { documentId: 'lab-1', kind: 'LAB' } });
    appendAudit(t.db, { actor: 'u', action: 'visit.create', entity: 'visit', entityId: a, detail: { visitId: 'v1' } });
    logAccess(t.db, { actor: 'cli', patientId: a, action: 'access.export' });
    logAccess(t.db, { actor: 'u', patientId: b, action: 'access.record' });
    const views = listAccesses(t.db, { patientId: a, only: 'views', limit: 10, offset: 0 });
    expect(views.items.map((x) => [x.action, x.kind, x.documentId, x.authorId])).toEqual([
      ['access.export', 'export', null, null], ['document.view', 'view', 'lab-1', null], ['access.record', 'view', null, 'RSSMRA70A01H501S'],
    ]);
    expect(views.total).toBe(3);
    const all = listAccesses(t.db, { patientId: a, only: 'all', limit: 2, offset: 1 });
    expect(all.items.map((x) => [x.action, x.kind])).toEqual([['visit.create', 'change'], ['document.view', 'view']]);
    expect(all).toMatchObject({ total: 5, nextOffset: 3 });
  });
});
