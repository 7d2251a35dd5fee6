export * from './types.ts';
export * from './pin.ts';
export * from './der.ts';
export * from './subject.ts';
export * from './reasons.ts';
