import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream, renderToString } from "react-dom/server";
import { loadEnv } from "~/utils/env.server";
import { NonceProvider } from "~/utils/nonce";

export { startBackgroundWorkers, stopBackgroundWorkers } from "~/services/workers.server";
// The server closes the build's own database connection when it stops (app/cli/serve.ts).
export { closeDatabase } from "~/models/db.server";
// Live-update streams end when the server stops (issue #24).
export { closeEventStreams } from "~/services/events.server";
// The production server itself ships in the build, so app/cli/serve-built.mjs runs it with plain Node (issue #9).
export { serveOnly } from "~/cli/serve-only";
// The one registry of background work (every periodic task and job handler, issue 13): the server entry imports it,
// so what runs never depends on which routes import a feature. To add a task, add a line in tasks.server.ts.
export { taskNames } from "~/services/tasks.server";
export { deliverDueMail } from "~/services/outbox.server";
export { runDueJobs } from "~/services/jobs.server";
export { startBulkInvitations } from "~/services/bulk-invite.server";

export const streamTimeout = 5_000;

let alwaysStream: boolean | undefined;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  alwaysStream ??= loadEnv().DOCUMENT_RENDERING === "stream";
  // Issue 23: a page whose loaders have finished is complete, so streaming it costs CPU without sending anything
  // sooner (SQLite answers in well under a millisecond). Render it to one string; stream only what defers data.
  if (!alwaysStream && !remixContext.isSpaMode && !defersData(remixContext)) {
    await readHandoffData(remixContext);
    const html = renderToString(
      <NonceProvider value={loadContext.cspNonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={loadContext.cspNonce} />
      </NonceProvider>,
    );
    const body = `<!DOCTYPE html>${html}`;
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    responseHeaders.set("Content-Length", String(Buffer.byteLength(body)));
    return new Response(body, { headers: responseHeaders, status: responseStatusCode });
  }
  return renderStream(request, responseStatusCode, responseHeaders, remixContext, loadContext);
}

/** Whether any matched route's loader or action data holds a promise (deferred data streams in later). */
function defersData(context: EntryContext): boolean {
  const { loaderData, actionData } = context.staticHandlerContext;
  const values = [...Object.values(loaderData ?? {}), ...Object.values(actionData ?? {})];
  return values.some(
    (v) => isThenable(v) || (v !== null && typeof v === "object" && Object.values(v as object).some(isThenable)),
  );
}

function isThenable(v: unknown): boolean {
  return v !== null && typeof v === "object" && typeof (v as { then?: unknown }).then === "function";
}

type StreamCacheEntry = Promise<void> & { result?: { done: boolean; value: string }; error?: unknown };

/**
 * Reads the single-fetch data that the page inlines (Remix's StreamTransfer) before rendering, into the cache that
 * StreamTransfer reads, one entry per chunk exactly as it would read them itself; renderToString cannot wait for
 * it (it would render the suspended inline data as empty). A failure (the client went away) fails the request.
 */
async function readHandoffData(context: EntryContext): Promise<void> {
  const stream = context.serverHandoffStream as ReadableStream<Uint8Array> | undefined;
  if (!stream) return;
  const renderMeta = (context.renderMeta ??= {}) as { streamCache?: Record<number, StreamCacheEntry> };
  const cache: Record<number, StreamCacheEntry> = {};
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  try {
    for (let id = 0; ; id++) {
      const chunk = await reader.read();
      const entry = Promise.resolve() as StreamCacheEntry;
      entry.result = { done: chunk.done, value: decoder.decode(chunk.value, { stream: true }) };
      cache[id] = entry;
      if (chunk.done) break;
    }
  } finally {
    reader.releaseLock();
  }
  renderMeta.streamCache = cache;
}

function renderStream(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "") || remixContext.isSpaMode;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    // Cleared as soon as rendering settles: a timer left running per request costs throughput (issue 9).
    let timer: NodeJS.Timeout | undefined;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough({
            final(cb) {
              clearTimeout(timer);
              cb();
            },
          });
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          clearTimeout(timer);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    timer = setTimeout(abort, streamTimeout + 1000);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}
