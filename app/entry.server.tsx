import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
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
export { catalogueTasks } from "~/services/catalogue-tasks.server";

export const streamTimeout = 5_000;

export default function handleRequest(
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
