export * from './enums.ts';
export * from './schemas.ts';
export * from './errors.ts';
export * from './jwt-claims.ts';
export * from './cda-facts.ts';
