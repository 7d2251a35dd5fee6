/**
 * `cartella gateway-sim`: the built-in FSE 2.0 gateway simulator, standalone.
 * Prints {"event":"listening","url":...} then one JSON line per publication; runs until
 * SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { loadPdfSignatureCheck, workerDocumentChecks } from '../../services/gateway/simulator/plugins.ts';
import { startGatewaySimulator, type GatewaySimulator, type SimulatorOptions } from '../../services/gateway/simulator/simulator.ts';
import { parseCliArgs, positiveInt } from '../args.ts';
import { EXIT_OK, UsageError, printJsonLine, type CliCommand } from '../command.ts';

const USAGE = `Usage: cartella gateway-sim --port P [--host 127.0.0.1] [--latency MS] [--fault-rate R]
                           [--timeout-rate R] [--reset-rate R] [--throttle-rate R] [--lost-response-rate R]
                           [--seed N] [--ledger FILE] [--no-validate] [--no-signature-check]
                           [--tls-cert PEM --tls-key PEM --client-ca PEM] [--jwt-ca PEM]

Runs the FSE 2.0 gateway simulator: the official endpoints under /v1 (swagger_gtw.yaml 2.6.3),
RFC 7807 errors, both JWTs verified (x5c signature, every claim, attachment_hash, person_id
against the CDA), the in-process CDA validator and the PAdES check, a ledger of publications.

  --fault-rate R          share of requests answered 500/502/503 (0..1)
  --timeout-rate R        share never answered; --reset-rate R: connection reset
  --throttle-rate R       share answered 429 with Retry-After
  --lost-response-rate R  share processed but whose answer is lost
  --ledger FILE           append every publication as a JSON line
  --tls-cert, --tls-key   HTTPS: the server certificate and key (PEM); plain HTTP otherwise
  --client-ca PEM         with --tls-*: client certificates are required and must be issued by
                          this CA (mTLS, as GovWay); --tls-ca is the same option
  --jwt-ca PEM            CA the JWT signature certificate (x5c) must chain to

Prints JSON lines: {"event":"listening","url":...}, then {"event":"ledger",...} per publication.`;

function rate(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || n > 1) throw new UsageError(`--${name} must be a number between 0 and 1`);
  return n;
}

/** Parses the arguments and starts the simulator (exported for tests). */
export async function startFromArgs(argv: string[]): Promise<GatewaySimulator> {
  const { values } = parseCliArgs(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    latency: { type: 'string' },
    'fault-rate': { type: 'string' },
    'timeout-rate': { type: 'string' },
    'reset-rate': { type: 'string' },
    'throttle-rate': { type: 'string' },
    'lost-response-rate': { type: 'string' },
    seed: { type: 'string' },
    ledger: { type: 'string' },
    'no-validate': { type: 'boolean' },
    'no-signature-check': { type: 'boolean' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-ca': { type: 'string' },
    'client-ca': { type: 'string' },
    'jwt-ca': { type: 'string' },
  });
  if (values.port === undefined) throw new UsageError('--port is required (0 for any free port)');
  const port = positiveInt(values.port, 'port', 0);
  if (port > 65535) throw new UsageError('--port must be at most 65535');
  if (values['client-ca'] !== undefined && values['tls-ca'] !== undefined) throw new UsageError('--client-ca and --tls-ca are the same option: give one');
  const clientCa = values['client-ca'] ?? values['tls-ca'];
  const tlsParts = [values['tls-cert'], values['tls-key'], clientCa];
  if (tlsParts.some((x) => x !== undefined) && tlsParts.some((x) => x === undefined)) throw new UsageError('--tls-cert, --tls-key and --client-ca go together');
  const faults: NonNullable<SimulatorOptions['faults']> = {};
  const set = (k: keyof typeof faults, v: number | undefined) => {
    if (v !== undefined) (faults as Record<string, number>)[k] = v;
  };
  set('errorRate', rate(values['fault-rate'], 'fault-rate'));
  set('timeoutRate', rate(values['timeout-rate'], 'timeout-rate'));
  set('resetRate', rate(values['reset-rate'], 'reset-rate'));
  set('throttleRate', rate(values['throttle-rate'], 'throttle-rate'));
  set('lostResponseRate', rate(values['lost-response-rate'], 'lost-response-rate'));
  const opts: SimulatorOptions = { port, host: values.host ?? '127.0.0.1', latencyMs: positiveInt(values.latency, 'latency', 0), seed: positiveInt(values.seed, 'seed', 1), faults };
  if (values.ledger) opts.ledgerFile = values.ledger;
  if (values['tls-cert']) opts.tls = { cert: readFileSync(values['tls-cert'], 'utf8'), key: readFileSync(values['tls-key'] as string, 'utf8'), ca: readFileSync(clientCa as string, 'utf8') };
  if (values['jwt-ca']) opts.jwtCaPems = [readFileSync(values['jwt-ca'], 'utf8')];
  if (!values['no-validate']) {
    const checks = await workerDocumentChecks();
    if (checks) Object.assign(opts, { validateCda: checks.validateCda, readCda: checks.readCda, disposeChecks: checks.close });
  }
  if (!values['no-signature-check']) {
    const check = await loadPdfSignatureCheck();
    if (check) opts.checkSignature = check;
  }
  return startGatewaySimulator(opts);
}

export const command: CliCommand = {
  name: 'gateway-sim',
  summary: 'run the FSE 2.0 gateway simulator (mTLS optional, faults, ledger)',
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    const sim = await startFromArgs(argv);
    printJsonLine({ event: 'listening', url: sim.url, port: sim.port });
    let printed = 0;
    const timer = setInterval(() => {
      while (printed < sim.ledger.entries.length) printJsonLine({ event: 'ledger', ...sim.ledger.entries[printed++] });
    }, 200);
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    clearInterval(timer);
    await sim.close();
    printJsonLine({ event: 'stopped', publications: sim.ledger.entries.length });
    return EXIT_OK;
  },
};
