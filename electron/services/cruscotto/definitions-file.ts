/**
 * The default indicator definitions, resources/cruscotto/indicators.json (DOMAIN.md §3.2; the
 * sources in resources/cruscotto/NOTICE.md), read and checked once, on first use, by the process
 * that computes the cruscotto (the db worker). A broken file is a typed INVALID_INPUT naming
 * the path, not a silent empty cruscotto.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IndicatorDef } from '../../../shared/api/cruscotto-definitions.ts';
import { parseIndicatorsFile } from '../../../shared/analytics/cruscotto/definitions.ts';
import { defaultCdaResourcesDir } from '../validation/resources.ts';

export function defaultIndicatorsFile(): string {
  return join(defaultCdaResourcesDir(), '..', 'cruscotto', 'indicators.json');
}

/** Reads and checks a definitions file (tests pass their own). */
export function loadIndicatorDefinitions(file = defaultIndicatorsFile()): IndicatorDef[] {
  return parseIndicatorsFile(readFileSync(file, 'utf8'));
}

let defaults: readonly IndicatorDef[] | undefined;

/** The defaults, read once. */
export function defaultIndicators(): readonly IndicatorDef[] {
  return (defaults ??= loadIndicatorDefinitions());
}
