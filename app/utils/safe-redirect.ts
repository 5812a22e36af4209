// The one place a redirect target that came from input (a query string, a form field) becomes a Location or a
// link (issue #21). Only a path on this site survives: the check runs on the *normalised* URL, because
// "/..//evil.test" normalises to the protocol-relative "//evil.test", and browsers treat "\" like "/".
const BASE = "http://colloquy.invalid";

function isSafePath(to: string): boolean {
  return to.startsWith("/") && !to.startsWith("//") && !to.startsWith("/\\") && !/[\u0000-\u001f\u007f\\]/.test(to);
}

/** A same-origin path ("/s/x?welcome=1#top") for `to`, or `fallback` when it points anywhere else. */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2048 || !isSafePath(to)) return fallback;
  // Percent-encoded slashes and backslashes in the path ("/%2F%2Fevil.test", "/%5Cevil.test") decode to the same
  // tricks in some proxies and clients; no path of ours needs them (a query string may carry them).
  if (/%(2f|5c)/i.test(to.split(/[?#]/, 1)[0]!)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const out = url.pathname + url.search + url.hash;
  // Normalising ("/..//evil.test" -> "//evil.test") must not produce what the raw check would have refused.
  if (!isSafePath(out) || new URL(out, BASE).origin !== BASE) return fallback;
  return out;
}
