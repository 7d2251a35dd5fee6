import type { Dispatcher } from './dispatcher.ts';
import type { EventHub } from './event-hub.ts';
import type { CallContext, RpcTransport } from './result.ts';

/**
 * A transport that calls the dispatcher directly, for tests and the CLI. Results go through a
 * JSON round trip so that what the tests see is what a real transport would carry.
 */
export function inProcessTransport(dispatcher: Dispatcher, hub: EventHub, ctx: CallContext): RpcTransport {
  return {
    async call(method, params) {
      const result = await dispatcher.dispatch(method, JSON.parse(JSON.stringify(params ?? {})), ctx);
      return JSON.parse(JSON.stringify(result));
    },
    subscribe(event, listener) {
      return hub.listen((name, payload) => {
        if (name === event) listener(JSON.parse(JSON.stringify(payload)));
      });
    },
  };
}
