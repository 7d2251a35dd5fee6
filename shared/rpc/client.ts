import { AppError } from '../errors/index.ts';
import type { Contract, MethodInput, MethodOutput } from '../api/define.ts';
import type { EventName, EventPayload } from '../api/events.ts';
import type { RpcTransport } from './result.ts';

export interface RpcClient<C extends Contract> {
  /** Calls a method; resolves with its output or rejects with an `AppError`. */
  call<M extends keyof C & string>(method: M, input: MethodInput<C, M>): Promise<MethodOutput<C, M>>;
  subscribe<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The typed client over any transport. The UI and the contract tests use the same one. */
export function createClient<C extends Contract>(transport: RpcTransport): RpcClient<C> {
  return {
    async call(method, input) {
      const result = await transport.call(method, input);
      if (!result.ok) throw AppError.fromRpc(result.error);
      return result.value as never;
    },
    subscribe(event, listener) {
      return transport.subscribe(event, listener as (payload: unknown) => void);
    },
  };
}
