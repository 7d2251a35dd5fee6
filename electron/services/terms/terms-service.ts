import type { AppContract } from '../../../shared/api/index.ts';
import type { Handlers } from '../../../shared/rpc/index.ts';
import { TermIndex } from './term-index.ts';

/** `terms.search` over one TermIndex per process (tables loaded on first use). */
export function termsService(index: TermIndex = new TermIndex()): Pick<Handlers<AppContract>, 'terms.search'> {
  return {
    async 'terms.search'(input) {
      const t = performance.now();
      const r = index.search(input.system, input.text, input.limit, input.codePrefix);
      return { ...r, ms: performance.now() - t };
    },
  };
}
