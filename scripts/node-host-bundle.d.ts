// Types of scripts/node-host-bundle.js (plain JS: scripts/start.js runs it without tsx).
export declare const NODE_HOST_BUNDLE_DIR: string;
export declare const NODE_HOST_ENTRY: string;
export declare function nodeHostBundleStaleReason(): string | null;
/** esbuild with the node host's settings, nothing written; `entries`: output name → source relative to the root. */
export declare function buildNodeBundle(
  entries: Record<string, string>,
  outdir: string,
): Promise<{ outputFiles: { path: string; contents: Uint8Array }[]; metafile: { inputs: Record<string, unknown> } }>;
export declare function buildNodeHostBundle(): Promise<string>;
export declare function ensureNodeHostBundle(): Promise<string>;
export declare function nodeHostArgs(): Promise<string[]>;
