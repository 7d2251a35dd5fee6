/**
 * dicom-parser is a UMD bundle: Node's ESM loader exposes it as the default export only,
 * bundlers (Vite) as named exports too. One import point hides the difference.
 */
import * as namespace from 'dicom-parser';

export type { DataSet, Element, Fragment } from 'dicom-parser';

export const dicomParser: typeof namespace = (namespace as unknown as { default?: typeof namespace }).default ?? namespace;
