export * from './result.ts';
export * from './dispatcher.ts';
export * from './client.ts';
export * from './jsonrpc.ts';
export * from './event-hub.ts';
export * from './in-process.ts';
export * from './websocket-transport.ts';
