/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/server-runtime";

declare module "@remix-run/server-runtime" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** Fresh per response; every inline or external script tag must carry it (CSP). */
    cspNonce: string;
    /** The client's address (the socket, or the proxy's X-Forwarded-For with TRUST_PROXY=1); for rate limits. */
    clientIp: string;
  }
}
