import type { AppContract } from '../../shared/api/index.ts';
import type { OutboxListEntry } from '../../shared/api/outbox.ts';
import type { RpcClient } from '../../shared/rpc/index.ts';

/** Polls outbox.list until the entry satisfies `done`; throws with its last state after `ms`. */
export async function untilEntry(client: RpcClient<AppContract>, id: string, done: (e: OutboxListEntry) => boolean, ms = 30_000): Promise<OutboxListEntry> {
  const deadline = Date.now() + ms;
  let last: OutboxListEntry | undefined;
  while (Date.now() < deadline) {
    last = (await client.call('outbox.list', {})).find((e) => e.id === id);
    if (last && done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`entry ${id} did not reach the expected state; last: ${JSON.stringify(last)}`);
}
