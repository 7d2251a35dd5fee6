/**
 * Why an mTLS connection to the gateway failed, in Italian (FSE-GATEWAY.md §1: GovWay,
 * ID_AUTH_CHANNEL_02). Three sides:
 *  - our own authentication certificate, checked before any byte is sent (expired, not yet
 *    valid);
 *  - the server certificate, which Node verifies during the handshake (untrusted CA, expired,
 *    wrong host name) — never accepted silently;
 *  - the server refusing our client certificate. With TLS 1.3 the client finishes its side of
 *    the handshake before the server has checked the certificate, so undici only sees "other
 *    side closed": the reason (a TLS alert such as certificate_required or unknown_ca, or a
 *    connection closed right after the handshake) is found by a short probe on a fresh TLS
 *    connection that sends nothing.
 */
import { X509Certificate } from 'node:crypto';
import { connect, type ConnectionOptions } from 'node:tls';

export type TlsProblemKind = 'client-cert-expired' | 'client-cert-not-yet-valid' | 'client-cert-missing' | 'client-cert-refused' | 'client-cert-refused-expired' | 'server-untrusted';

export interface TlsProblem {
  kind: TlsProblemKind;
  /** The OpenSSL/Node code behind it, or our own (TLS_CLIENT_CERT_REFUSED: closed right after the handshake). */
  code: string;
  /** Italian, for the doctor. */
  spiegazione: string;
}

const WHERE = 'Impostazioni → Gateway FSE';

function italianDate(iso: string): string {
  const d = new Date(iso);
  return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
}

export interface Validity {
  /** ISO dates. */
  notBefore: string;
  notAfter: string;
}

/** The validity period of a PEM certificate (the first one of a chain). */
export function validityOf(certPem: string): Validity {
  const c = new X509Certificate(certPem);
  return { notBefore: new Date(c.validFrom).toISOString(), notAfter: new Date(c.validTo).toISOString() };
}

/** Our own certificate (authentication or signature) outside its validity period at `now`. */
export function ownCertificateProblem(v: Validity, role: 'autenticazione (mTLS)' | 'firma (JWT)', now: number): TlsProblem | undefined {
  if (now > Date.parse(v.notAfter)) {
    return { kind: 'client-cert-expired', code: 'CERT_HAS_EXPIRED', spiegazione: `Il certificato di ${role} è scaduto il ${italianDate(v.notAfter)}: importarne uno valido in ${WHERE}. Nessun dato è stato inviato al gateway.` };
  }
  if (now < Date.parse(v.notBefore)) {
    return { kind: 'client-cert-not-yet-valid', code: 'CERT_NOT_YET_VALID', spiegazione: `Il certificato di ${role} è valido solo dal ${italianDate(v.notBefore)}: controllare la data del computer o il certificato importato in ${WHERE}. Nessun dato è stato inviato al gateway.` };
  }
  return undefined;
}

/** Node's verification codes for the server certificate, and what each means. */
const SERVER_VERIFY: Record<string, string> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'emesso da un’autorità di certificazione non riconosciuta',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'autofirmato',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'emesso da un’autorità di certificazione non riconosciuta',
  UNABLE_TO_GET_ISSUER_CERT: 'emesso da un’autorità di certificazione non riconosciuta',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'emesso da un’autorità di certificazione non riconosciuta',
  CERT_UNTRUSTED: 'non attendibile',
  CERT_SIGNATURE_FAILURE: 'con una firma non valida',
  CERT_HAS_EXPIRED: 'scaduto',
  CERT_NOT_YET_VALID: 'non ancora valido',
  CERT_REVOKED: 'revocato',
  INVALID_CA: 'emesso da un’autorità di certificazione non valida',
  ERR_TLS_CERT_ALTNAME_INVALID: 'rilasciato per un altro indirizzo',
};

/** A failed connection whose error says the server certificate was not trusted. */
export function serverCertificateProblem(e: unknown): TlsProblem | undefined {
  for (let cur = e as { code?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) {
    const why = cur.code ? SERVER_VERIFY[cur.code] : undefined;
    if (why && cur.code) {
      return { kind: 'server-untrusted', code: cur.code, spiegazione: `Il certificato del server del gateway non è attendibile (${why}): connessione interrotta senza inviare dati. Verificare l’indirizzo del gateway e le autorità di certificazione configurate in ${WHERE}.` };
    }
  }
  return undefined;
}

/** A TLS alert the server sent about our client certificate (OpenSSL error codes as Node names them). */
export function alertProblem(code: string | undefined, presented: boolean): TlsProblem | undefined {
  if (!code || !/^ERR_SSL_.*ALERT_/.test(code)) return undefined;
  if (/CERTIFICATE_REQUIRED$/.test(code) || (!presented && /HANDSHAKE_FAILURE$/.test(code))) {
    return { kind: 'client-cert-missing', code, spiegazione: `Il gateway richiede il certificato di autenticazione (mTLS), che non è stato presentato: importarlo in ${WHERE}.` };
  }
  if (/CERTIFICATE_EXPIRED$/.test(code)) {
    return { kind: 'client-cert-refused-expired', code, spiegazione: `Il gateway ha rifiutato il certificato di autenticazione (mTLS) perché scaduto: importarne uno valido in ${WHERE}.` };
  }
  if (/(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE|DECRYPT_ERROR)$/.test(code)) {
    return refused(code);
  }
  return undefined;
}

function refused(code: string): TlsProblem {
  return {
    kind: 'client-cert-refused',
    code,
    spiegazione: `Il gateway ha rifiutato il certificato di autenticazione (mTLS): non è emesso da un’autorità riconosciuta dal gateway, oppure è scaduto o revocato. Verificare il certificato importato in ${WHERE}.`,
  };
}

/**
 * Opens one TLS connection with the client's options and sends nothing. A server that refuses
 * the client certificate sends an alert or closes at once; a server that accepted it waits for
 * the request, so nothing within `windowMs` means the certificate was not the problem.
 */
export function probeClientCertificate(url: URL, tls: ConnectionOptions, o: { windowMs?: number; timeoutMs?: number } = {}): Promise<TlsProblem | undefined> {
  const presented = Boolean(tls.cert);
  return new Promise((resolve) => {
    let done = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (p: TlsProblem | undefined) => {
      if (done) return;
      done = true;
      if (timer) clearTimeout(timer);
      socket.destroy();
      resolve(p);
    };
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = connect({ ...tls, host, port: Number(url.port || 443), ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }) });
    let secured = false;
    timer = setTimeout(() => finish(undefined), o.timeoutMs ?? 5_000);
    socket.once('secureConnect', () => {
      secured = true;
      clearTimeout(timer);
      timer = setTimeout(() => finish(undefined), o.windowMs ?? 750);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => finish(alertProblem(e.code, presented) ?? serverCertificateProblem(e) ?? (secured ? refused(e.code ?? 'TLS_CLIENT_CERT_REFUSED') : undefined)));
    socket.once('close', () => {
      // Closed by the server right after a completed handshake, before any request: refused.
      if (!secured) finish(undefined);
      else finish(presented ? refused('TLS_CLIENT_CERT_REFUSED') : alertProblem('ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', false));
    });
  });
}
