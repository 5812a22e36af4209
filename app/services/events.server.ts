// Live updates (issue #24, COMMUNITY-DESIGN "Live updates"): one Server-Sent Events stream per signed-in browser tab
// carries "something changed for you" events; pages then fetch what changed through their normal loaders. Features
// publish with publishToUser(); this module only keeps the open streams. The stream passes unbuffered through the
// shipped proxy configurations (content/deploy/): it says `X-Accel-Buffering: no` and beats every
// EVENTS_HEARTBEAT_SECONDS, well inside the proxies' 60-second idle timeout.
import { env } from "~/utils/env.server";
import { onClusterMessage, sendToCluster } from "./cluster.server";

interface OpenStream {
  userId: number;
  send: (chunk: string) => void;
  close: () => void;
}

const byUser = new Map<number, Set<OpenStream>>();
/** A member with more tabs than this loses the oldest stream (its page falls back to reloading). */
const MAX_STREAMS_PER_USER = 12;
const encoder = new TextEncoder();

/** One SSE message; data lines cannot carry a bare newline, so data is always JSON on one line. */
function message(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The streaming Response for GET /events; it ends when the client goes away (signal) or the server stops. */
export function eventStream({ userId, signal }: { userId: number; signal: AbortSignal }): Response {
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const stream: OpenStream = {
        userId,
        send: (chunk) => {
          if (open) controller.enqueue(encoder.encode(chunk));
        },
        close: () => {
          if (!open) return;
          cleanup();
          controller.close();
        },
      };
      const heartbeat = setInterval(() => stream.send(message("heartbeat", { at: new Date().toISOString() })), env().EVENTS_HEARTBEAT_SECONDS * 1000);
      heartbeat.unref();
      const onAbort = () => stream.close();
      cleanup = () => {
        open = false;
        clearInterval(heartbeat);
        signal.removeEventListener("abort", onAbort);
        const set = byUser.get(userId);
        set?.delete(stream);
        if (set?.size === 0) byUser.delete(userId);
      };
      signal.addEventListener("abort", onAbort);

      const set = byUser.get(userId) ?? new Set<OpenStream>();
      byUser.set(userId, set);
      if (set.size >= MAX_STREAMS_PER_USER) set.values().next().value?.close();
      set.add(stream);
      // `retry` tells EventSource how soon to reconnect after a restart or a dropped connection.
      stream.send(`retry: 5000\n${message("ready", { at: new Date().toISOString() })}`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
}

/** Sends an event to every open stream of a member (a no-op when they have none open). */
export function publishToUser(userId: number, event: string, data: unknown = {}) {
  deliverHere(userId, event, data);
  // With several server workers the member's stream may be open on another one (issue 23).
  sendToCluster({ colloquy: "event", userId, event, data });
}

function deliverHere(userId: number, event: string, data: unknown) {
  for (const stream of byUser.get(userId) ?? []) stream.send(message(event, data));
}

onClusterMessage("event", (m) => {
  if (m.colloquy === "event") deliverHere(m.userId, m.event, m.data);
});

/** How many streams are open now (health and tests). */
export function openStreamCount(): number {
  let n = 0;
  for (const set of byUser.values()) n += set.size;
  return n;
}

/** Ends every stream, so a stopping server is not held open by them. */
export function closeEventStreams() {
  for (const set of [...byUser.values()]) for (const stream of [...set]) stream.close();
}
