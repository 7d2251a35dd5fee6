/**
 * The document types the application knows, by id. The built-in ones (index.ts) register
 * themselves when imported; a test may register a type of its own and unregister it after.
 */
import type { AnyDocumentType, DocumentType } from './types.ts';

const types = new Map<string, AnyDocumentType>();

/** Adds a type. Throws when the id is taken (two types must not share a CLI name or outbox kind). */
export function registerDocumentType<I>(type: DocumentType<I>): DocumentType<I> {
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(type.id)) throw new Error(`document type id "${type.id}": lower case letters, digits and '-'`);
  if (types.has(type.id)) throw new Error(`document type "${type.id}" is already registered`);
  const sameKind = [...types.values()].find((t) => t.kind === type.kind);
  if (sameKind) throw new Error(`document type "${type.id}": outbox kind "${type.kind}" is already "${sameKind.id}"'s`);
  types.set(type.id, type);
  return type;
}

/** Removes a type (tests). */
export function unregisterDocumentType(id: string): boolean {
  return types.delete(id);
}

export function getDocumentType(id: string): AnyDocumentType | undefined {
  return types.get(id);
}

/** The type with this id, or an error naming the known ones. */
export function requireDocumentType(id: string): AnyDocumentType {
  const t = types.get(id);
  if (!t) throw new UnknownDocumentTypeError(id, listDocumentTypes().map((x) => x.id));
  return t;
}

/** The type whose outbox kind this is (e.g. `PSS`). */
export function documentTypeByKind(kind: string): AnyDocumentType | undefined {
  return [...types.values()].find((t) => t.kind === kind);
}

/** Every registered type, in registration order. */
export function listDocumentTypes(): AnyDocumentType[] {
  return [...types.values()];
}

export class UnknownDocumentTypeError extends Error {
  constructor(readonly id: string, readonly known: string[]) {
    super(`tipo di documento sconosciuto "${id}"; tipi disponibili: ${known.join(', ')}`);
    this.name = 'UnknownDocumentTypeError';
  }
}
