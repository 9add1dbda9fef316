/**
 * node-ovh sends no Content-Type on its OAuth2 path (lib/ovh.js starts that path's headers empty and takes none
 * from its caller), where go-ovh and python-ovh send `application/json` with every body. Its `debug` hook runs
 * synchronously right before it calls `https.request(options)`, so the hook calls this: a wrapper that adds the
 * header to that one request (a header node-ovh set itself wins) and puts `https.request` back at once. A
 * microtask also puts it back, should node-ovh ever stop making the call straight after its hook.
 */
export function declareNextRequestJson(): void {
  // The module object itself: an `import * as` namespace cannot be assigned to.
  const https = require("node:https") as typeof import("node:https");
  const original = https.request;
  const restore = () => {
    if (https.request === once) https.request = original;
  };
  const once = ((options: import("node:https").RequestOptions, ...rest: unknown[]) => {
    restore();
    return (original as (...args: unknown[]) => unknown)({ ...options, headers: { "Content-Type": "application/json", ...options.headers } }, ...rest);
  }) as typeof https.request;
  https.request = once;
  queueMicrotask(restore);
}
