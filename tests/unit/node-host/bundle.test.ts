/**
 * The node host as a bundle (scripts/node-host-bundle.js): built when missing or older than an
 * input, left alone when up to date; the bundled code finds resources/ as the sources do.
 */
import { existsSync, statSync, utimesSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureNodeHostBundle, NODE_HOST_BUNDLE_DIR, nodeHostBundleStaleReason } from '../../../scripts/node-host-bundle.js';
import { resourcesDir } from '../../../electron/services/files/resources-dir.ts';

const repo = resolve(import.meta.dirname, '../../..');

describe('node host bundle', () => {
  it('is rebuilt when an input is newer than the last build, and not otherwise', async () => {
    const entry = await ensureNodeHostBundle();
    expect(entry).toBe(join(NODE_HOST_BUNDLE_DIR, 'index.js'));
    for (const name of ['index', 'db-worker', 'signing-worker', 'validation-worker', 'xsd-worker', 'imaging-worker', 'test-token']) {
      expect(existsSync(join(NODE_HOST_BUNDLE_DIR, `${name}.js`)), name).toBe(true);
    }
    expect(nodeHostBundleStaleReason()).toBeNull();
    const meta = join(NODE_HOST_BUNDLE_DIR, 'meta.json');
    const builtAt = statSync(meta).mtimeMs;
    // As if every source had been edited after the build.
    utimesSync(meta, new Date(0), new Date(0));
    expect(nodeHostBundleStaleReason()).toMatch(/changed$/);
    await ensureNodeHostBundle();
    expect(nodeHostBundleStaleReason()).toBeNull();
    expect(statSync(meta).mtimeMs).toBeGreaterThanOrEqual(builtAt);
  }, 120_000);

  it('finds resources/ by walking up from its own file (any depth: source or bundle)', () => {
    expect(resourcesDir()).toBe(join(repo, 'resources'));
  });
});
