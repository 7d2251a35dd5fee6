// Boots out/main/index.js under the stand-in, makes a few calls, prints one JSON line, quits.
const state = () => globalThis.__electronStandIn;
await import(process.argv[2]);
for (let i = 0; i < 400 && !state().windows.length && !state().error; i++) await new Promise((r) => setTimeout(r, 50));
const s = state();
if (s.error) {
  console.log(JSON.stringify({ error: s.error }));
  process.exit(1);
}
const win = s.windows[0];
const call = (method, params, frame = { url: 'app://cartella/index.html', parent: null }) =>
  s.ipc.get('rpc')({ senderFrame: frame, sender: win.webContents }, { method, params });
const info = await call('system.info', {});
const foreign = await call('system.info', {}, { url: 'https://evil.example/', parent: null });
const index = await s.protocols.get('app')({ url: 'app://cartella/', method: 'GET' });
const result = {
  url: win.url,
  preload: win.options.webPreferences.preload,
  webPreferences: win.options.webPreferences,
  schemes: s.schemes,
  info,
  foreign,
  index: { status: index.status, csp: index.headers.get('content-security-policy'), html: (await index.text()).includes('<div id="root">') },
};
for (const fn of s.listeners.get('will-quit') ?? []) fn({ preventDefault() {} });
for (let i = 0; i < 200 && !s.quit; i++) await new Promise((r) => setTimeout(r, 50));
result.quit = Boolean(s.quit);
console.log(JSON.stringify(result));
process.exit(0);
