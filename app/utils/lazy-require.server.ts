import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use instead of at boot. Only for heavy packages off the pages' path (photo
 * processing, SMTP): loading sharp alone takes about 0.2 s of a cold start (issue #9).
 */
export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
