import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";

declare global {
  interface Window {
    __remixContext?: { future?: { v3_singleFetch?: boolean } };
  }
}

/**
 * With single fetch, Remix 2 makes `<RemixBrowser>`'s first render suspend (outside any Suspense boundary) until the
 * server's data stream is decoded. If a key press, tap or click arrives in that moment, React 18 hydrates the root
 * synchronously, meets the suspension and throws "Root did not complete" (remix-run/remix#10214); the page can stop
 * responding. So start that decoding before hydrating: `RemixBrowser` begins it and throws its promise before it
 * touches any hook, and hydration starts once the promise settles, with a first render that never suspends.
 */
async function serverStateDecoded(): Promise<void> {
  if (!window.__remixContext?.future?.v3_singleFetch) return;
  try {
    RemixBrowser({});
  } catch (thrown) {
    if (thrown && typeof (thrown as PromiseLike<unknown>).then === "function") await thrown;
  }
}

void serverStateDecoded().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
