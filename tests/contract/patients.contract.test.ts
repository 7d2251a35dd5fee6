import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { AppError } from '../../shared/errors/index.ts';
import { transports, type ContractFixture } from './transports.ts';

const mario = {
  surname: 'Rossi',
  givenName: 'Mario',
  sex: 'M' as const,
  birthDate: '1960-05-12',
  identifierKind: 'CF' as const,
  identifier: encodeCodiceFiscale({ surname: 'Rossi', givenName: 'Mario', birthDate: '1960-05-12', sex: 'M', belfiore: 'H501' }),
};

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the call to fail');
}

describe.each(transports)('contract over %s', (_name, make) => {
  let f: ContractFixture;
  beforeAll(async () => {
    f = await make();
  });
  afterAll(() => f.dispose());

  it('system.info describes the runtime', async () => {
    const info = await f.client.call('system.info', {});
    expect(info).toMatchObject({ locale: 'it-IT', developmentStore: true });
  });

  it('creates, reads, updates and searches a patient, emitting patients.changed', async () => {
    const seen: string[] = [];
    const stop = f.client.subscribe('patients.changed', (e) => seen.push(e.id));
    const created = await f.client.call('patients.create', { ...mario, identifier: mario.identifier.toLowerCase() });
    expect(created).toMatchObject({ ...mario, version: 1 });
    expect(await f.client.call('patients.get', { id: created.id })).toEqual(created);
    const updated = await f.client.call('patients.update', { ...mario, id: created.id, version: 1, phone: '+39 06 1234567' });
    expect(updated).toMatchObject({ phone: '+39 06 1234567', version: 2 });
    for (const text of ['ros', 'ROSSI mar', 'mario', mario.identifier.slice(0, 6)]) {
      const found = await f.client.call('patients.search', { text });
      expect(found.items.map((p) => p.id), text).toContain(created.id);
    }
    expect((await f.client.call('patients.search', { text: 'bianchi' })).total).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(seen).toEqual([created.id, created.id]);
  });

  it('refuses a wrong check character with the expected one', async () => {
    const wrong = mario.identifier.slice(0, 15) + (mario.identifier[15] === 'A' ? 'B' : 'A');
    const e = await rejection(f.client.call('patients.create', { ...mario, identifier: wrong }));
    expect(e.code).toBe('CODICE_FISCALE_INVALID');
    expect(e.data).toEqual({ reason: 'check-character', expected: mario.identifier[15] });
  });

  it('refuses a codice fiscale that disagrees with the birth date', async () => {
    const e = await rejection(f.client.call('patients.create', { ...mario, birthDate: '1961-05-12' }));
    expect(e.data).toMatchObject({ reason: 'birth-date-mismatch' });
  });

  it('refuses a duplicate identifier, a stale version and an unknown id', async () => {
    expect((await rejection(f.client.call('patients.create', mario))).code).toBe('CONFLICT');
    const [p] = (await f.client.call('patients.search', { text: 'rossi' })).items;
    expect((await rejection(f.client.call('patients.update', { ...mario, id: p!.id, version: 1 }))).code).toBe('CONFLICT');
    expect((await rejection(f.client.call('patients.get', { id: 'nope' }))).code).toBe('NOT_FOUND');
  });

  it('accepts STP codes and refuses malformed ones', async () => {
    const stp = { ...mario, identifierKind: 'STP' as const, identifier: 'STP1200340000123' };
    expect((await f.client.call('patients.create', stp)).identifier).toBe('STP1200340000123');
    expect((await rejection(f.client.call('patients.create', { ...stp, identifier: 'STP12' }))).code).toBe('INVALID_INPUT');
  });

  it('checks input with the contract schema and names unknown methods', async () => {
    const e = await rejection(f.client.call('patients.create', { ...mario, sex: 'X' } as never));
    expect(e.code).toBe('INVALID_INPUT');
    expect((e.data as { issues: { path: string }[] }).issues[0]!.path).toBe('sex');
    const u = await rejection(f.client.call('nope.nothing' as never, {} as never));
    expect(u.code).toBe('UNKNOWN_METHOD');
  });

  it('audit.verify sees every write', async () => {
    expect(await f.client.call('audit.verify', {})).toEqual({ valid: true, entries: 3 }); // create, update, STP create;
  });
});
