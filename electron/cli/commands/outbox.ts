/**
 * `cartella outbox status|drain --db FILE [--gateway URL]`: shows and drains the
 * publication queue headless, printing JSON lines (ids, states, errors — never patient data).
 */
import { readFileSync } from 'node:fs';
import { GatewayClient } from '../../services/gateway/client/client.ts';
import { SANDBOX_IDENTITY, ephemeralSignatureCredential } from '../../services/gateway/dev-credentials.ts';
import { OutboxScheduler, dbClientStore, type OutboxStore } from '../../services/outbox/index.ts';
import type { JwtIdentity } from '../../../shared/gateway/jwt-claims.ts';
import type { OutboxEntry } from '../../../shared/outbox/job.ts';
import { DEFAULT_RETRY_POLICY } from '../../../shared/outbox/retry.ts';
import { parseCliArgs, positiveInt } from '../args.ts';
import { EXIT_FAILURE, EXIT_OK, UsageError, printJsonLine, type CliCommand } from '../command.ts';
import { openCliServices } from '../open-db.ts';

const USAGE = `Usage: cartella outbox status [--db FILE]
       cartella outbox drain  [--db FILE] [--gateway URL] [--max-seconds N]
                              [--tls-cert PEM --tls-key PEM [--tls-ca PEM]] [--sign-cert PEM --sign-key PEM]
                              [--identity FILE] [--retry-base-ms N]

status  one JSON line per queue entry, then {"summary":{...}}.
drain   sends every due entry to the gateway (validation, publication, status polling,
        reconciliation of entries left 'sending' by a crash), retrying transient failures,
        until nothing is due or --max-seconds (default 60) pass. One JSON line per change.

--gateway URL     base URL including /v1 (default: http://127.0.0.1:8010/v1, a local gateway-sim)
--tls-*           authentication certificate for mTLS (and the server CA)
--sign-*          signature certificate for the JWTs; without it an ephemeral sandbox
                  certificate is made (accepted only by a simulator without --jwt-ca)
--retry-base-ms N first backoff ceiling for transient failures (default 2000; full jitter, doubling)
--identity FILE   JSON {subjectFiscalCode, subjectRole, subjectOrganizationId, locality:{name,catalogOid,code},
                  application:{id,vendor,version}}; default: a synthetic sandbox doctor

Exit code: 0 ok (drain: nothing left due), 1 entries still pending or a failure, 2 usage error.`;

function line(e: OutboxEntry) {
  return { id: e.id, documentId: e.documentId, operation: e.operation, state: e.state, step: e.step, attempts: e.attempts, nextAttemptAt: new Date(e.nextAttemptAt).toISOString(), workflowInstanceId: e.workflowInstanceId, traceId: e.traceId, lastError: e.lastError, parkedReason: e.parkedReason };
}

async function drain(store: OutboxStore, values: Record<string, string | boolean | undefined>): Promise<number> {
  const read = (k: string) => readFileSync(values[k] as string, 'utf8');
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new UsageError('--tls-cert and --tls-key go together');
  if ((values['sign-cert'] === undefined) !== (values['sign-key'] === undefined)) throw new UsageError('--sign-cert and --sign-key go together');
  const signature = values['sign-cert'] ? { certPem: read('sign-cert'), keyPem: read('sign-key') } : ephemeralSignatureCredential();
  const identity = values.identity ? (JSON.parse(read('identity')) as Omit<JwtIdentity, 'signatureCertCn' | 'audience'>) : SANDBOX_IDENTITY;
  const client = new GatewayClient({
    environment: 'simulator',
    baseUrl: (values.gateway as string | undefined) ?? 'http://127.0.0.1:8010/v1',
    ...(values['tls-cert'] ? { tls: { cert: read('tls-cert'), key: read('tls-key'), ...(values['tls-ca'] ? { ca: read('tls-ca') } : {}) } } : {}),
    signature,
    identity,
    timeoutMs: 15_000,
  });
  const maxMs = positiveInt(values['max-seconds'] as string | undefined, 'max-seconds', 60) * 1000;
  const baseMs = positiveInt(values['retry-base-ms'] as string | undefined, 'retry-base-ms', DEFAULT_RETRY_POLICY.baseMs);
  const scheduler = new OutboxScheduler({ store, gateway: client, actor: 'cli', pollDelayMs: Math.min(500, baseMs), policy: { ...DEFAULT_RETRY_POLICY, baseMs }, onChange: (e) => printJsonLine({ event: 'change', ...line(e) }) });
  const deadline = Date.now() + maxMs;
  try {
    for (let pass = 0; pass < 100_000 && Date.now() < deadline; pass++) {
      await scheduler.runOnce();
      const next = await store.nextDueAt();
      if (next === undefined) break;
      const wait = Math.max(0, next - Date.now());
      if (Date.now() + wait > deadline) break;
      await new Promise((r) => setTimeout(r, Math.min(wait, 5_000) || 10));
    }
  } finally {
    await client.close();
  }
  const stats = await store.stats();
  printJsonLine({ summary: { ...stats, online: scheduler.status().online } });
  return stats.pending === 0 ? EXIT_OK : EXIT_FAILURE;
}

export const command: CliCommand = {
  name: 'outbox',
  summary: 'show or drain the FSE publication queue (JSON lines)',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const { values, positionals } = parseCliArgs(argv, {
      db: { type: 'string' },
      gateway: { type: 'string' },
      'max-seconds': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'tls-ca': { type: 'string' },
      'sign-cert': { type: 'string' },
      'sign-key': { type: 'string' },
      identity: { type: 'string' },
      'retry-base-ms': { type: 'string' },
    });
    const sub = positionals[0];
    if (sub !== 'status' && sub !== 'drain') throw new UsageError('the sub-command must be status or drain');
    if (positionals.length > 1) throw new UsageError(`unexpected argument ${positionals[1]}`);
    const services = await openCliServices(values.db);
    try {
      const store = dbClientStore(services.db);
      if (sub === 'status') {
        for (const e of await store.list()) printJsonLine(line(e));
        printJsonLine({ summary: await store.stats() });
        return EXIT_OK;
      }
      return await drain(store, values);
    } finally {
      await services.close();
    }
  },
};
