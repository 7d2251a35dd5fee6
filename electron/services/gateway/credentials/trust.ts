/**
 * Which server certificates the gateway client trusts (FSE-GATEWAY.md §1, "CA certificates to
 * trust"): Node's public roots plus the Ministero della Salute CA of the environment
 * (resources/gateway/ca, see its NOTICE). A gateway behind any other CA is refused, never
 * silently accepted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rootCertificates } from 'node:tls';
import { defaultGatewayResourcesDir } from '../openapi.ts';

const caDir = (): string => join(defaultGatewayResourcesDir(), 'ca');

export function ministryCas(environment: 'validation' | 'production', dir = caDir()): string[] {
  return readdirSync(dir)
    .filter((f) => f.startsWith(`${environment}-`) && f.endsWith('.pem'))
    .sort()
    .map((f) => readFileSync(join(dir, f), 'utf8'));
}

export function gatewayTrust(environment: 'validation' | 'production', dir = caDir()): string[] {
  return [...rootCertificates, ...ministryCas(environment, dir)];
}
