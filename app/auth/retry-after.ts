import type { HeadersFunction } from "@remix-run/node";

/** Routes that throttle pass the action's Retry-After on to the document response (429 needs it, RFC 6585 §4). */
export const retryAfterHeaders: HeadersFunction = ({ actionHeaders, loaderHeaders, errorHeaders }) => {
  const h = new Headers();
  const value = actionHeaders.get("Retry-After") ?? loaderHeaders.get("Retry-After") ?? errorHeaders?.get("Retry-After") ?? null;
  if (value) h.set("Retry-After", value);
  return h;
};
