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
    /** The client's address (the socket's, or X-Forwarded-For from a proxy TRUST_PROXY names); throttles, audit log. */
    clientIp: string;
  }
}
