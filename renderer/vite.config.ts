/**
 * Vite build of the renderer (`npm run build:renderer`): root renderer/, output out/renderer.
 * base './' keeps every asset URL relative, so the same bundle works when served by the node
 * host (http://127.0.0.1), from app://cartella/ in Electron, or from file://.
 * electron.vite.config.ts loads this default export and overrides only the output location.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export const rendererConfig: UserConfig = {
  root: here,
  base: './',
  plugins: [react()],
  // The DICOM decoding worker loads its codecs with dynamic imports: module workers only.
  worker: { format: 'es' },
  // Imports may name files under ../shared: allow Vite's dev server to read them.
  server: { host: '127.0.0.1', fs: { allow: [path.resolve(here, '..')] } },
  build: {
    outDir: path.resolve(here, '../out/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // Everything the first page imports statically in one chunk beside the entry, not a
        // score of small shared chunks: each is a request and a module to link before the
        // patient list renders. The feature pages stay lazy chunks (app/lazy-pages.ts).
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
};

export default defineConfig(rendererConfig);
