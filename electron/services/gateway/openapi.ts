/**
 * The official OpenAPI of the gateway (resources/gateway/swagger_gtw.yaml, swagger 2.6.3, read from
 * its JSON conversion swagger_gtw.json) loaded
 * into openapi-backend, for routing and request checks in the simulator and for checking the
 * requests our client sends. Two documented deviations are patched in memory (NOTICE.md):
 * the `file` part's `maxLength: 1000` (a PDF is binary and larger) is dropped, and the
 * `/documents/{idDoc}/metadata` path that the swagger lacks (IG §8, DSP IPublicationCTL) is
 * added as a copy of `/metadata-iti-57`.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenAPIBackend, type Document, type Operation } from 'openapi-backend';
import { resourcePath } from '../files/resources-dir.ts';

export function defaultGatewayResourcesDir(): string {
  const env = process.env.CARTELLA_GATEWAY_RESOURCES;
  if (env) return resolve(env);
  return resourcePath('gateway');
}

type Json = Record<string, unknown>;

function dropBinaryMaxLength(node: unknown): void {
  if (Array.isArray(node)) {
    for (const n of node) dropBinaryMaxLength(n);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Json;
  if (o.format === 'binary' && 'maxLength' in o) delete o.maxLength;
  for (const v of Object.values(o)) dropBinaryMaxLength(v);
}

export function loadGatewayDefinition(dir = defaultGatewayResourcesDir()): Document {
  const def = JSON.parse(readFileSync(resolve(dir, 'swagger_gtw.json'), 'utf8')) as Json;
  dropBinaryMaxLength(def);
  const paths = def.paths as Record<string, Json>;
  const iti = paths['/documents/{idDoc}/metadata-iti-57'];
  if (iti && !paths['/documents/{idDoc}/metadata']) {
    const copy = JSON.parse(JSON.stringify(iti)) as Json;
    (copy.put as Json).operationId = 'updateMetadata';
    paths['/documents/{idDoc}/metadata'] = copy;
  }
  return def as unknown as Document;
}

export interface GatewayOpenApi {
  api: OpenAPIBackend;
  /** Route a request; undefined when no operation matches. */
  match(method: string, path: string): Operation | undefined;
  /** Validate a request (path relative to the base URL; body as parsed: for multipart `{requestBody: object, file: string}`). */
  validate(req: { method: string; path: string; headers: Record<string, string>; body?: unknown }): { valid: boolean; errors: string[]; operationId?: string };
}

let cached: Promise<GatewayOpenApi> | undefined;

export function gatewayOpenApi(dir?: string): Promise<GatewayOpenApi> {
  if (dir === undefined && cached) return cached;
  const p = (async () => {
    const api = new OpenAPIBackend({ definition: loadGatewayDefinition(dir), strict: false, validate: true, quick: true, ajvOpts: { strict: false } });
    await api.init();
    const match = (method: string, path: string) => api.router.matchOperation({ method: method.toLowerCase(), path, headers: {} }) || undefined;
    return {
      api,
      match,
      validate(req) {
        const op = match(req.method, req.path);
        if (!op) return { valid: false, errors: [`no operation for ${req.method} ${req.path}`] };
        const r = api.validator.validateRequest({ method: req.method.toLowerCase(), path: req.path, headers: req.headers, body: req.body ?? {} }, op);
        return { valid: r.valid, errors: (r.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim()), operationId: op.operationId };
      },
    } satisfies GatewayOpenApi;
  })();
  if (dir === undefined) cached = p;
  return p;
}
