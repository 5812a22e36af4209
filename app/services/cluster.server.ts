// Issue 23: the server runs one worker process per core (app/cli/cluster.ts). What one worker knows only in memory
// reaches the others through the primary process: live-update events for members whose stream is open on another
// worker, and "work is waiting" nudges for the one worker that runs background work. Everything else that must hold
// across workers (sessions, sign-in throttles, the outbox, jobs) already lives in the shared SQLite database.
import cluster from "node:cluster";

export type ClusterMessage =
  | { colloquy: "event"; userId: number; event: string; data: unknown }
  | { colloquy: "kick"; task: string }
  | { colloquy: "listening"; port: number };

/** This process is one worker of several (started by the cluster primary). */
export const isClusterWorker = cluster.isWorker;

/** This worker runs the periodic background work (exactly one worker does; a single process always does). */
export const runsBackgroundWork = !cluster.isWorker || process.env.COLLOQUY_WORKER_ROLE === "background";

const handlers = new Map<string, (message: ClusterMessage) => void>();
let listening = false;

/** Handles messages of one kind that other workers send through the primary. */
export function onClusterMessage(kind: ClusterMessage["colloquy"], handler: (message: ClusterMessage) => void) {
  if (!isClusterWorker) return;
  handlers.set(kind, handler);
  if (listening) return;
  listening = true;
  process.on("message", (message: unknown) => {
    const kind = (message as { colloquy?: string } | null)?.colloquy;
    if (kind) handlers.get(kind)?.(message as ClusterMessage);
  });
}

/** Sends a message to the primary, which passes events to the other workers and kicks to the background worker. */
export function sendToCluster(message: ClusterMessage) {
  if (!isClusterWorker || !process.connected) return;
  process.send?.(message);
}
