// The dependency rule of ARCHITECTURE.md §3, enforced on every `npm test` (through `npm run
// lint`). The folder says where code may run: a wrong import fails the build, as in VS Code's
// code-layering rule. tests/lint/dependency-rule.test.ts proves each restriction bites.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const msg = {
  node: 'Questo livello non può usare moduli di Node (ARCHITECTURE.md §3).',
  electron: 'Solo electron/main e electron/preload possono importare electron (ARCHITECTURE.md §3).',
};

/** no-restricted-imports for one layer: forbidden packages and forbidden folders. */
function restrict({ node = false, electron = false, folders = [] }) {
  const paths = [
    ...(electron ? [{ name: 'electron', message: msg.electron }] : []),
    ...(node ? nodeBuiltins.map((name) => ({ name, message: msg.node })) : []),
  ];
  const patterns = [
    ...(node ? [{ regex: '^node:', message: msg.node }] : []),
    ...folders.map((f) => ({ group: [`**/${f}/**`, `**/${f}`], message: `Dipendenza non ammessa verso ${f}/ (ARCHITECTURE.md §3).` })),
  ];
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const browserAndNodeGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require', '__dirname', '__filename', 'global'].map(
  (name) => ({ name, message: 'shared/ gira ovunque: niente globali del browser o di Node (ARCHITECTURE.md §1.1).' }),
);

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', '.tmp/**', 'tests/lint-fixtures/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['**/*.{ts,tsx,js,mjs,cjs}'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
  },
  {
    files: ['shared/**/*.{ts,tsx}'],
    rules: { ...restrict({ node: true, electron: true, folders: ['electron', 'renderer'] }), 'no-restricted-globals': ['error', ...browserAndNodeGlobals] },
  },
  { files: ['renderer/src/**/*.{ts,tsx}'], rules: restrict({ node: true, electron: true, folders: ['electron'] }) },
  { files: ['electron/services/**/*.ts'], rules: restrict({ electron: true, folders: ['electron/main', 'main', 'node-host', 'renderer', 'preload'] }) },
  { files: ['electron/node-host/**/*.ts', 'electron/cli/**/*.ts'], rules: restrict({ electron: true, folders: ['electron/main', 'main', 'renderer', 'preload'] }) },
  { files: ['electron/main/**/*.ts'], rules: restrict({ folders: ['renderer', 'node-host', 'cli'] }) },
  {
    // The preload sees only electron and the contract's types.
    files: ['electron/preload/**/*.ts'],
    rules: restrict({ node: true, folders: ['services', 'main', 'node-host', 'renderer', 'domain', 'documents', 'validation'] }),
  },
);
