import type { z } from 'zod';

/** One contract method: its input and output are zod schemas, the types are inferred from them. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

export function defineMethod<I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> {
  return spec;
}

/** A map of method name ("namespace.verb") to its spec. */
export type Contract = Record<string, MethodSpec>;

export type MethodInput<C extends Contract, M extends keyof C> = z.input<C[M]['input']>;
export type MethodParsedInput<C extends Contract, M extends keyof C> = z.output<C[M]['input']>;
export type MethodOutput<C extends Contract, M extends keyof C> = z.output<C[M]['output']>;
