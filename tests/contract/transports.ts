import WebSocket from 'ws';
import { startNodeHost } from '../../electron/node-host/server.ts';
import { contract, type AppContract } from '../../shared/api/index.ts';
import { createClient, inProcessTransport, WebSocketTransport, type RpcClient } from '../../shared/rpc/index.ts';
import { tempServices } from '../helpers/temp-services.ts';
import type { DbClient } from '../../electron/services/db/client.ts';
import type { GatewaySimulator } from '../../electron/services/gateway/simulator/simulator.ts';

export interface ContractFixture {
  client: RpcClient<AppContract>;
  /** The services' database, for filling what no contract method writes (synthetic histories). */
  db: DbClient;
  /** The services' data folder (the sandbox keeps the simulator's ledger there). */
  dataDir: string;
  /** The sandbox's built-in gateway simulator (started with the outbox; none outside the sandbox). */
  simulator(): Promise<GatewaySimulator | undefined>;
  dispose(): Promise<void>;
}

/** `outbox`: start the outbox as a host does once the services are ready (tests that publish). */
export interface FixtureOptions {
  outbox?: boolean;
}

/** The dispatcher called directly (with a JSON round trip). */
export async function inProcess(o: FixtureOptions = {}): Promise<ContractFixture> {
  const s = await tempServices();
  if (o.outbox) await s.outbox.start();
  const client = createClient<AppContract>(inProcessTransport(s.dispatcher, s.events, { actor: 'contract', transport: 'in-process' }));
  return { client, db: s.db, dataDir: s.dataDir, simulator: () => s.outbox.gateway.simulator(), dispose: () => s.dispose() };
}

/** The same services behind the real node host: HTTP upgrade, token, JSON-RPC over WebSocket. */
export async function overNodeHost(o: FixtureOptions = {}): Promise<ContractFixture> {
  const s = await tempServices();
  if (o.outbox) await s.outbox.start();
  const host = await startNodeHost({ services: s, logger: s.logger, rendererDir: s.dataDir });
  // The renderer's own transport class, over a `ws` socket that presents the token as a header.
  const url = `ws://127.0.0.1:${host.port}/rpc`;
  const transport = new WebSocketTransport(() => new WebSocket(url, { headers: { authorization: `Bearer ${host.token}` } }));
  return {
    client: createClient<AppContract>(transport),
    db: s.db,
    dataDir: s.dataDir,
    simulator: () => s.outbox.gateway.simulator(),
    async dispose() {
      transport.close();
      await host.close();
      await s.dispose();
    },
  };
}

export const transports = [
  ['in-process', inProcess],
  ['node host', overNodeHost],
] as const;

export { contract };
