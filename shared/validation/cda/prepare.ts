/**
 * Preparation of a schematron for repeated use: parse + compile once (CDA-VALIDATION.md §10
 * "compile each rule's expression once, per schematron"); fontoxpath then keeps the compiled
 * expressions in its own cache keyed by the expression text.
 */
import type { Options } from 'fontoxpath';
import { compileSchematron, type CompiledSchematron } from './schematron/compile.ts';
import { parseSchematron } from './schematron/parse.ts';
import { xpathOptions } from './schematron/run.ts';

export interface PreparedSchematron {
  file: string;
  compiled: CompiledSchematron;
  options: Options;
}

export function prepareSchematron(file: string, schText: string, phase?: string): PreparedSchematron {
  const compiled = compileSchematron(parseSchematron(schText), phase);
  return { file, compiled, options: xpathOptions(compiled.namespaces) };
}
