import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/services/logging/logger.ts';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { lines, logger: createLogger({ destination, level: 'debug' }) };
}

describe('logger redaction', () => {
  it('never writes names, codici fiscali or PINs', async () => {
    const { lines, logger } = capture();
    logger.info('Created RSSMRA60E12H501E for STP1200340000123', {
      patientId: 'p-1',
      surname: 'Rossi',
      nested: { givenName: 'Mario', pin: '1234', note: 'cf RSSMRA60E12H501E' },
    });
    await new Promise((r) => setTimeout(r, 50));
    const out = lines.join('');
    expect(out).toContain('p-1');
    for (const secret of ['RSSMRA60E12H501E', 'Rossi', 'Mario', '1234', 'STP1200340000123']) expect(out).not.toContain(secret);
  });
});
