import { expect } from 'vitest';
import { AppError } from '../../shared/errors/index.ts';

/** The typed error a call must reject with (fails the test when it resolves or throws something else). */
export async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  return e as AppError;
}
