// Types of scripts/node-host-bundle.js (plain JS: scripts/start.js runs it without tsx).
export declare const NODE_HOST_BUNDLE_DIR: string;
export declare const NODE_HOST_ENTRY: string;
export declare function nodeHostBundleStaleReason(): string | null;
export declare function buildNodeHostBundle(): Promise<string>;
export declare function ensureNodeHostBundle(): Promise<string>;
export declare function nodeHostArgs(): Promise<string[]>;
