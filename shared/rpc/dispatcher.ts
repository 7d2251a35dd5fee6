import type { z } from 'zod';
import { AppError, isAppError } from '../errors/index.ts';
import type { Contract, MethodOutput, MethodParsedInput } from '../api/define.ts';
import type { CallContext, RpcResult } from './result.ts';

export type Handlers<C extends Contract> = {
  [M in keyof C]: (input: MethodParsedInput<C, M>, ctx: CallContext) => Promise<MethodOutput<C, M>>;
};

export interface Dispatcher {
  dispatch(method: string, params: unknown, ctx: CallContext): Promise<RpcResult>;
}

export interface DispatcherOptions {
  /** Called with unexpected (non-AppError) failures; must not log patient data. */
  onUnexpectedError?: (method: string, error: unknown) => void;
}

function zodIssues(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

/**
 * The single entry point both transports call: looks the method up in the contract, checks the
 * input with its zod schema, runs the handler and checks the output, and turns every failure
 * into a typed `RpcError` (ARCHITECTURE.md §1.5). Unknown failures become INTERNAL with no
 * detail, so nothing from a stack trace reaches the UI.
 */
export function createDispatcher<C extends Contract>(
  contract: C,
  handlers: Handlers<C>,
  options: DispatcherOptions = {},
): Dispatcher {
  return {
    async dispatch(method, params, ctx) {
      if (!Object.hasOwn(contract, method)) {
        return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Unknown method ${method}`, data: { method } } };
      }
      const spec = contract[method]!;
      const parsed = spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'INVALID_INPUT', message: `Invalid input for ${method}`, data: { issues: zodIssues(parsed.error) } },
        };
      }
      try {
        const handler = handlers[method as keyof C];
        const value = await handler(parsed.data as never, ctx);
        const out = spec.output.safeParse(value);
        if (!out.success) {
          options.onUnexpectedError?.(method, out.error);
          return { ok: false, error: { code: 'INTERNAL', message: `Invalid output from ${method}` } };
        }
        return { ok: true, value: out.data };
      } catch (e) {
        if (isAppError(e)) return { ok: false, error: e.toRpc() };
        options.onUnexpectedError?.(method, e);
        return { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } };
      }
    },
  };
}

export { AppError };
