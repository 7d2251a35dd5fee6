import pino from 'pino';
import type { Logger } from '../ports.ts';
import { redact, redactString } from './redact.ts';

export interface LoggerOptions {
  /** Defaults to standard error, so standard output stays free for CLI JSON lines. */
  destination?: NodeJS.WritableStream;
  level?: string;
}

/** A JSON logger whose every message and field goes through `redact` first. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const base = pino(
    { level: options.level ?? process.env.CARTELLA_LOG_LEVEL ?? 'info', base: undefined },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
  const log = (level: 'debug' | 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) =>
    base[level]((fields ? redact(fields) : {}) as object, redactString(msg));
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
