/**
 * Starts the node host for a test worker: a fresh temporary data folder, no sandbox panel, a
 * free port; resolves with the URL printed on the WEBHOST_LISTENING line. Stopped by PID.
 * CARTELLA_NODE_HOST_SOURCE=1 runs the TypeScript sources through tsx instead of the bundle.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nodeHostArgs } from '../../scripts/node-host-bundle.js';

export const repo = path.resolve(import.meta.dirname, '../..');

export interface RunningHost {
  /** http://127.0.0.1:PORT/ */
  baseUrl: string;
  /** The first-visit URL carrying the token. */
  loginUrl: string;
  token: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
  /** Removes the data folder (for hosts started on a reused folder). */
  removeData(): void;
}

export interface HostOptions {
  /** Reuse a data folder (a restart); it is then left in place by stop(). */
  dataDir?: string;
  /** A fixed port and token, so a restarted host is the "same" service to an open page. */
  port?: number;
  token?: string;
  /** false: the real configuration (CARTELLA_SANDBOX=0), as a packaged install. */
  sandbox?: boolean;
  /** Extra environment of the host process (e.g. TZ, to run it in another time zone). */
  env?: Record<string, string>;
}

export async function startHost(options: HostOptions = {}): Promise<RunningHost> {
  const ownData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'cartella-e2e-'));
  const env: Record<string, string> = {
    PORT: String(options.port ?? 0),
    ...(options.token ? { CARTELLA_TOKEN: options.token } : {}),
    ...(options.sandbox === false ? { CARTELLA_SANDBOX: '0' } : {}),
    ...options.env,
  };
  // The bundled host (scripts/node-host-bundle.js), rebuilt when a source changed.
  const child: ChildProcess = spawn(process.execPath, await nodeHostArgs(), {
    cwd: repo,
    env: { ...process.env, CARTELLA_DATA_DIR: dataDir, CARTELLA_SANDBOX_PATIENTS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += String(d)));
  const loginUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`node host did not start in 60 s\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /WEBHOST_LISTENING (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`node host exited (${code})\n${stderr}`));
    });
  });
  const url = new URL(loginUrl);
  return {
    baseUrl: `${url.origin}/`,
    loginUrl,
    token: url.searchParams.get('token') ?? '',
    port: Number(url.port),
    dataDir,
    removeData() {
      rmSync(dataDir, { recursive: true, force: true });
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (ownData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
