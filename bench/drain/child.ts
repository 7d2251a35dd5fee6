/**
 * Runs out/bench-drain/drain-main.js in a child process and reads its figures: its JSON line,
 * its VmHWM from /proc/<pid>/status once that line arrives (the child waits for its stdin to
 * close), and its VmRSS sampled every 50 ms from here.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { ChildDrainFigures } from './drain-main.ts';

export interface ChildDrainResult {
  figures: ChildDrainFigures;
  pid: number;
  /** VmHWM read here from /proc/<pid>/status after the drain (bytes; null off Linux). */
  vmHwm: number | null;
  /** Highest VmRSS sampled here every 50 ms (bytes; 0 off Linux). */
  sampledRss: number;
}

function statusField(pid: number, field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function runDrainChild(entry: string, env: NodeJS.ProcessEnv): Promise<ChildDrainResult> {
  const child = spawn(process.execPath, [entry], { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const pid = child.pid!;
  let sampledRss = 0;
  const sampler = setInterval(() => {
    sampledRss = Math.max(sampledRss, statusField(pid, 'VmRSS') ?? 0);
  }, 50);
  return new Promise((resolve, reject) => {
    let out = '';
    let done = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
      const nl = out.indexOf('\n');
      if (done || nl < 0) return;
      done = true;
      clearInterval(sampler);
      const vmHwm = statusField(pid, 'VmHWM');
      child.stdin.end();
      try {
        resolve({ figures: JSON.parse(out.slice(0, nl)) as ChildDrainFigures, pid, vmHwm, sampledRss });
      } catch (e) {
        reject(new Error(`drain child: unreadable figures (${e instanceof Error ? e.message : String(e)}): ${out.slice(0, 200)}`));
      }
    });
    child.on('error', (e) => (clearInterval(sampler), reject(e)));
    child.on('exit', (code, signal) => {
      clearInterval(sampler);
      if (!done) reject(new Error(`drain child exited (${signal ?? code}) before its figures: ${out.slice(0, 200)}`));
    });
  });
}
