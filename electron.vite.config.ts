/**
 * Build of the Electron app: main (ESM), preload (CJS) and renderer, into out/.
 * `npm run build:electron` runs it; it needs no Electron binary (TOOLCHAIN.md §2, §6).
 *
 * Outputs (the file names other code relies on):
 *   out/main/index.js       Electron main entry (package.json "main")
 *   out/main/db-worker.js, signing-worker.js, validation-worker.js, xsd-worker.js, imaging-worker.js,
 *   test-token.js
 *                           service worker threads, found as siblings by
 *                           electron/services/workers/spawn-worker.ts
 *   out/preload/index.cjs   preload; CommonJS because sandboxed preloads cannot be ES modules
 *   out/renderer/           the renderer bundle, served over app://cartella/
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type RendererViteConfig, type UserConfig as ElectronViteConfig } from 'electron-vite';
import type { ConfigEnv, UserConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const at = (p: string): string => path.resolve(root, p);

/** Native modules are loaded from node_modules (app.asar.unpacked) at run time, never bundled. */
const NATIVE_MODULES = ['better-sqlite3-multiple-ciphers', 'pkcs11js'];

/**
 * One renderer configuration: the plain-Vite config used by the node host
 * (renderer/vite.config.ts, owned by the renderer) is loaded when present and only the
 * Electron-specific output location is overridden here. It is loaded through tsx at run time
 * rather than imported statically, so this file still builds while that config is absent.
 */
async function sharedRendererConfig(env: ConfigEnv): Promise<UserConfig | undefined> {
  const file = at('renderer/vite.config.ts');
  if (!existsSync(file)) return undefined;
  const { tsImport } = await import('tsx/esm/api');
  const mod = (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default?: unknown };
  const exported = mod.default;
  const resolved = typeof exported === 'function' ? await (exported as (env: ConfigEnv) => UserConfig | Promise<UserConfig>)(env) : exported;
  return resolved as UserConfig | undefined;
}

export default defineConfig(async (env): Promise<ElectronViteConfig> => {
  const shared = await sharedRendererConfig(env);
  // The service worker threads are entries of their own, emitted beside index.js where
  // electron/services/workers/spawn-worker.ts looks for them.
  const mainInputs: Record<string, string> = {
    index: at('electron/main/index.ts'),
    'db-worker': at('electron/services/db/worker.ts'),
    'signing-worker': at('electron/services/signing/worker-host.ts'),
    'validation-worker': at('electron/services/validation/worker.ts'),
    'xsd-worker': at('electron/services/validation/xsd-worker.ts'),
    'imaging-worker': at('electron/services/imaging/import-worker.ts'),
    // Loaded by signing/sandbox-token.ts in its own thread (test-token.js beside this bundle).
    'test-token': at('electron/services/signing/test-token.ts'),
  };

  const renderer: RendererViteConfig = {
    ...(shared as RendererViteConfig | undefined),
    plugins: shared?.plugins ?? [react()],
    root: at('renderer'),
    build: {
      ...(shared?.build as RendererViteConfig['build']),
      outDir: at('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        ...(shared?.build?.rolldownOptions as object | undefined),
        input: at('renderer/index.html'),
      },
    },
  };

  return {
    main: {
      build: {
        outDir: at('out/main'),
        // Dependencies stay in node_modules (electron-builder packs the production ones).
        externalizeDeps: true,
        rolldownOptions: {
          input: mainInputs,
          external: ['electron', /^electron\/.+/, ...NATIVE_MODULES, /\.node$/],
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    },
    preload: {
      build: {
        outDir: at('out/preload'),
        rolldownOptions: {
          input: { index: at('electron/preload/index.ts') },
          // TOOLCHAIN.md §6: a preload used with sandbox: true must be CommonJS.
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer,
  };
});
