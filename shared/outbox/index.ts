export * from './state-machine.ts';
export * from './retry.ts';
export * from './job.ts';
export * from './api.ts';
