/**
 * The drain in a process of its own, run from its bundle (out/bench-drain/, bench/drain/build.ts)
 * as the app's node host runs from out/node-host/: no tsx, no bench modules in its RSS. Prints
 * its figures as one JSON line with its own VmHWM, then waits for stdin to close, so that the
 * parent can read /proc/<pid>/status of a process that is still there.
 */
import { readFileSync } from 'node:fs';
import { drain, type DrainFigures } from './drain.ts';

export interface ChildDrainFigures extends DrainFigures {
  /** /proc/self/status VmHWM after the drain, bytes (null off Linux). */
  vmHwm: number | null;
}

function vmHwm(): number | null {
  try {
    const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const figures = await drain({
  docs: Number(process.env.CARTELLA_BENCH_GATEWAY_DOCS ?? 1000),
  latencyMs: Number(process.env.CARTELLA_BENCH_DRAIN_LATENCY_MS ?? 100),
  concurrency: Number(process.env.CARTELLA_BENCH_DRAIN_CONCURRENCY ?? 8),
});
const out: ChildDrainFigures = { ...figures, vmHwm: vmHwm() };
process.stdout.write(`${JSON.stringify(out)}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
