/**
 * The Content-Security-Policy sent with every response of the app:// protocol
 * (Electron security checklist #7; ANCHORS.md §2 "CSP": `script-src 'self'`, no `unsafe-eval`).
 *
 * - Everything comes from the app bundle itself: no remote content at all (ARCHITECTURE.md §5).
 * - `script-src 'wasm-unsafe-eval'`: the DICOM viewer's Web Worker instantiates the image
 *   codecs (JPEG, JPEG-LS, JPEG 2000, HTJ2K), which are WebAssembly modules shipped in the
 *   bundle; CSP Level 3 blocks WebAssembly compilation without this keyword. It allows only
 *   compiling WebAssembly, not `eval` or `new Function` for JavaScript ('unsafe-eval' stays out).
 *   A worker takes the policy of its own script's response, so the header carries it too.
 *   The renderer talks to the services over IPC only, so `connect-src 'self'` is enough.
 * - `style-src 'unsafe-inline'`: Mantine (the component library) injects its CSS variables and
 *   component styles through <style> elements and style attributes at runtime. Scripts stay
 *   strict: no inline scripts, no eval.
 * - `img-src`/`font-src` allow `data:` and `blob:` for generated previews (PDF thumbnails,
 *   DICOM frames) and icons inlined by the bundler; neither can run code.
 * - `frame-src 'self' blob:`: the PSS editor previews the generated PDF in a frame of a blob
 *   URL made from bytes the services produced; no other frames, no plugins (`object-src`),
 *   no <base> rewriting, no form posts anywhere.
 *
 * One policy for both hosts: the app:// protocol in Electron (electron/main/protocol.ts) and
 * the node host (electron/node-host/static-files.ts); renderer/index.html repeats it as a meta
 * tag (tests/unit/electron/security-config.test.ts keeps the two equal where they overlap).
 * Pure module: runs anywhere.
 */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'media-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'self'", 'blob:'],
  'child-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export function buildCsp(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The header value, computed once. */
export const CONTENT_SECURITY_POLICY = buildCsp();

/**
 * Headers of every response of the renderer, from app:// (Electron) and the node host. `nosniff` stops content-type
 * guessing; COOP/CORP keep other origins from holding a reference to the window or reading
 * our resources; no Referer ever leaves the app.
 */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
