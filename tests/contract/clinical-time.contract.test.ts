/**
 * Clinical times are the doctor's local time (Europe/Rome by default, a setting), whatever the
 * host's time zone: the node host runs under TZ=America/New_York and TZ=UTC, and the PSS it
 * builds carries the Rome wall-clock time with Rome's offset; another zone, once set, is used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCodiceFiscale } from '../../shared/domain/codice-fiscale.ts';
import { isoWithOffset } from '../../shared/format/clinical-time.ts';
import { startHost, type RunningHost } from '../e2e-web/node-host.ts';
import { rpc } from '../e2e-web/rpc.ts';

function effectiveTime(cda: string): string {
  const m = /<effectiveTime value="(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})([+-]\d{4})"/.exec(cda);
  if (!m) throw new Error('no effectiveTime');
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}${m[7]!.slice(0, 3)}:${m[7]!.slice(3)}`;
}

for (const tz of ['America/New_York', 'UTC']) {
  describe(`node host under TZ=${tz}`, () => {
    let host: RunningHost;
    let patientId: string;
    beforeAll(async () => {
      host = await startHost({ env: { TZ: tz } });
      const identifier = encodeCodiceFiscale({ surname: 'Orario', givenName: 'Luca', birthDate: '1970-05-05', sex: 'M', belfiore: 'H501' });
      patientId = (await rpc<{ id: string }>(host, 'patients.create', { surname: 'Orario', givenName: 'Luca', sex: 'M', birthDate: '1970-05-05', identifierKind: 'CF', identifier })).id;
    }, 90_000);
    afterAll(async () => host?.stop());

    it('the PSS effective time is Rome time with its offset; a zone set in Impostazioni is used instead', async () => {
      expect(await rpc(host, 'settings.getClinical', {})).toEqual({ timeZone: 'Europe/Rome' });
      const before = Date.now();
      const p = await rpc<{ cda: string }>(host, 'pss.preview', { patientId, pdf: false });
      const got = effectiveTime(p.cda);
      // The same minute in Rome as the test's own clock (the host's TZ plays no part).
      const expected = [isoWithOffset(new Date(before), 'Europe/Rome'), isoWithOffset(new Date(Date.now()), 'Europe/Rome')].map((x) => x.slice(0, 16) + x.slice(19));
      expect(expected).toContain(got);
      expect(got).toMatch(/\+0[12]:00$/);

      await rpc(host, 'settings.setClinical', { timeZone: 'Asia/Tokyo' });
      const tokyo = effectiveTime((await rpc<{ cda: string }>(host, 'pss.preview', { patientId, pdf: false })).cda);
      expect(tokyo).toMatch(/\+09:00$/);
      await rpc(host, 'settings.setClinical', { timeZone: 'Europe/Rome' });
      await expect(rpc(host, 'settings.setClinical', { timeZone: 'Mars/Olympus' })).rejects.toThrow(/INVALID_INPUT/);
    }, 60_000);
  });
}
