import { X509Certificate } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { gatewayTrust, ministryCas } from '../../../electron/services/gateway/credentials/trust.ts';

describe('gateway trust', () => {
  it('adds the Ministero della Salute CA of each environment to the public roots, and only that one', () => {
    const subjects = (env: 'validation' | 'production') => ministryCas(env).map((p) => new X509Certificate(p).subject);
    expect(subjects('production')).toEqual([expect.stringMatching(/CN=CA Ministero della Salute$/m)]);
    expect(subjects('validation')).toEqual([expect.stringMatching(/CN=CA Ministero della Salute Test$/m), expect.stringMatching(/CN=CA Ministero della Salute Test-1$/m)]);
    for (const env of ['validation', 'production'] as const) {
      for (const pem of ministryCas(env)) expect(new X509Certificate(pem).ca).toBe(true);
      expect(gatewayTrust(env)).toHaveLength(rootCertificates.length + ministryCas(env).length);
    }
  });
});
