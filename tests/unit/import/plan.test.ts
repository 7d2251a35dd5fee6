/**
 * The import planner: ids from the document, facts already in the record, proposals and the
 * therapy reconciliation (defaults the CLI applies, the doctor's decisions), duplicates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TherapyPlan } from '../../../shared/domain/record/index.ts';
import { parseReceivedCda } from '../../../shared/import/parse-cda.ts';
import { type RecordFacts, observationKey, planReceived } from '../../../shared/import/plan.ts';

const LDO = parseReceivedCda(readFileSync('tests/fixtures/cda/official-examples/LDO.xml', 'utf8'));
const LAB = parseReceivedCda(readFileSync('tests/fixtures/cda/official-examples/LAB.xml', 'utf8'));
const verdict = { verdict: 'valid' as const, errors: 0, warnings: 0, messages: [], checkedAt: 'x' };
const none: RecordFacts = { duplicate: null, cdaIdTaken: false, observationKeys: new Set(), dispensationKeys: new Set(), problems: [], allergies: [], encounters: [], plans: [] };
const identity = { documentId: 'RD.abc', format: 'cda' as const, sha256: 'a'.repeat(64), size: 1, receivedAt: '2026-01-01T00:00:00Z' };
const plan = (content = LDO, facts: Partial<RecordFacts> = {}, decisions?: Parameters<typeof planReceived>[0]['decisions']) =>
  planReceived({ content, identity, facts: { ...none, ...facts }, patient: { id: 'p', create: false }, validation: verdict, signature: verdict, decisions, today: '2026-01-01' });

const amlodipine = (over: Partial<TherapyPlan> = {}): TherapyPlan => ({
  id: 'M1', source: 'doctor', atc: { code: 'C08CA01', display: 'AMLODIPINA' }, dosageText: '1 cp ore 8', route: 'PO', status: 'active', chronic: true, ...over,
});
const metformin = amlodipine({ id: 'M2', atc: { code: 'A10BA02', display: 'METFORMINA' }, dosageText: '1 cp x 2' });

describe('import planner', () => {
  it('gives every fact an id under the document and its documentId', () => {
    const { plan: p, writes } = plan(LAB);
    expect(p.observations.add[0]).toMatchObject({ id: 'RD.abc.o1', documentId: 'RD.abc' });
    expect(p.flags[0]!.observationId).toBe('RD.abc.o1');
    expect(writes.observations).toHaveLength(1);
    expect(p.added).toEqual({ documents: 1, observations: 1 });
  });

  it('leaves out what the record already holds', () => {
    const { plan: p } = plan(LAB, { observationKeys: new Set([observationKey(LAB.observations[0]!)]) });
    expect(p.observations).toMatchObject({ add: [], already: 1 });
    expect(p.added).toEqual({ documents: 1 });
  });

  it('a duplicate document adds nothing at all and says so', () => {
    const { plan: p, writes } = plan(LDO, { duplicate: { documentId: 'RD.old', by: 'id', receivedAt: '2025-05-04T10:00:00Z' } });
    expect(p.added).toEqual({});
    expect(writes.entries).toEqual([]);
    expect(p.warnings[0]).toContain('04/05/2025');
    expect(p.problems.every((x) => !x.include)).toBe(true);
  });

  it('proposes the LDO diagnosis, allergy and stay (a problem already active is not proposed again)', () => {
    const { plan: p, writes } = plan();
    expect(writes.entries.map((e) => e.section)).toEqual(['problems', 'allergies', 'encounters']);
    const have = plan(LDO, { problems: [{ ...LDO.problems[0]!, id: 'X' }] });
    expect(have.plan.problems[0]).toMatchObject({ already: true, include: false });
    const skip = plan(LDO, {}, { include: { a1: false }, therapy: {} });
    expect(skip.writes.entries.map((e) => e.section)).toEqual(['problems', 'encounters']);
  });

  it('reconciliation defaults: a new discharge medicine starts, a current one with another dosage changes, one the letter omits is kept', () => {
    const { plan: p, writes } = plan(LDO, { plans: [amlodipine(), metformin] });
    expect(p.therapy.map((r) => [r.key, r.action, r.actions.join('|')])).toEqual([
      ['plan:M1', 'change', 'keep|change|stop'],
      ['plan:M2', 'keep', 'keep|stop'],
    ]);
    expect(writes.plans).toEqual([expect.objectContaining({ id: 'M1', dosageText: LDO.therapy[0]!.dosageText, aic: LDO.therapy[0]!.aic, documentId: 'RD.abc' })]);
    const fresh = plan(LDO);
    expect(fresh.plan.therapy.map((r) => [r.key, r.action])).toEqual([['new:t1', 'start']]);
    expect(fresh.writes.plans).toEqual([expect.objectContaining({ id: 'RD.abc.t1', status: 'active', source: 'specialist', route: 'PO', documentId: 'RD.abc' })]);
  });

  it("the doctor's decisions: keep, stop with an end date, skip; a letter without route needs one", () => {
    const kept = plan(LDO, { plans: [amlodipine(), metformin] }, { include: {}, therapy: { 'plan:M1': { action: 'keep' }, 'plan:M2': { action: 'stop' } } });
    expect(kept.writes.plans).toEqual([expect.objectContaining({ id: 'M2', status: 'completed', end: '2022-04-17' })]);
    const noRoute = { ...LDO, therapy: [{ ...LDO.therapy[0]!, route: undefined }] };
    delete noRoute.therapy[0]!.route;
    const r = plan(noRoute);
    expect(r.plan.therapy[0]).toMatchObject({ needsRoute: true, action: 'skip' });
    expect(r.writes.plans).toEqual([]);
    const chosen = plan(noRoute, {}, { include: {}, therapy: { 'new:t1': { action: 'start', route: 'SL' } } });
    expect(chosen.writes.plans[0]).toMatchObject({ route: 'SL' });
  });
});
