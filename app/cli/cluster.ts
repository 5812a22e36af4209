// Issue 23: one server worker per core with Node's cluster module. The primary only supervises: it migrates the
// database once, forks WEB_CONCURRENCY workers (default: the cores this process may use) that share the listening
// socket and the SQLite database (WAL), replaces a worker that dies, passes messages between workers, and on SIGTERM
// lets every worker finish its graceful stop before it exits.
//
// Exactly one worker (the "background" one) runs the periodic work: mail delivery, jobs, feeds, digests. When it
// dies its replacement takes the role over. The outbox and job claims are atomic as well, so a message or job could
// not go out twice even if two processes ran them.
import cluster, { type Worker } from "node:cluster";
import type { ClusterMessage } from "~/services/cluster.server";

interface Options {
  count: number;
  host: string;
  /** Called once every worker listens, with the port they share. */
  onListening: (port: number) => void;
}

export function runPrimary({ count, host, onListening }: Options): void {
  const roles = new Map<Worker, "background" | "web">();
  const listeningPorts = new Map<Worker, number>();
  let announced = false;
  let stopping = false;
  let exitCode = 0;
  const recentDeaths: number[] = [];

  const fork = (role: "background" | "web") => {
    // Only the primary watches its parent (tests); workers follow the primary through their IPC channel.
    const worker = cluster.fork({ COLLOQUY_WORKER_ROLE: role, EXIT_WITH_PARENT: "0" });
    roles.set(worker, role);
    worker.on("message", (message: ClusterMessage) => route(worker, message));
    return worker;
  };

  const route = (from: Worker, message: ClusterMessage) => {
    if (!message || typeof message !== "object" || !("colloquy" in message)) return;
    if (message.colloquy === "listening") {
      listeningPorts.set(from, message.port);
      if (!announced && listeningPorts.size >= count) {
        announced = true;
        onListening(message.port);
      }
    } else if (message.colloquy === "event") {
      for (const w of roles.keys()) if (w !== from && w.isConnected()) w.send(message);
    } else if (message.colloquy === "kick") {
      // Never back to the sender: the background worker asks the cluster only while its own workers are off.
      for (const [w, role] of roles) if (role === "background" && w !== from && w.isConnected()) w.send(message);
    }
  };

  cluster.on("exit", (worker, code, signal) => {
    const role = roles.get(worker) ?? "web";
    roles.delete(worker);
    listeningPorts.delete(worker);
    if (stopping) {
      // A worker still starting when told to stop has no handler yet and ends by the signal itself: nothing was
      // served or left undone, so that is a clean stop too.
      if (code !== 0 && signal !== "SIGTERM") exitCode = 1;
      if (roles.size === 0) process.exit(exitCode);
      return;
    }
    console.error(`[cluster] worker ${worker.process.pid} (${role}) exited (${signal ?? code}); starting a new one`);
    // A worker that keeps dying at once (a broken build, a bad database path) must not spin the machine.
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths.length && recentDeaths[0]! < now - 60_000) recentDeaths.shift();
    if (recentDeaths.length > 10 * count) {
      console.error("[cluster] workers keep exiting; giving up");
      stopAll(1);
      return;
    }
    setTimeout(() => fork(role), recentDeaths.length > count ? 1000 : 0);
  });

  const stopAll = (code = 0) => {
    if (stopping) return;
    stopping = true;
    exitCode = Math.max(exitCode, code);
    if (roles.size === 0) process.exit(exitCode);
    // Each worker drains its own connections and background work, then closes its database connection.
    for (const w of roles.keys()) w.process.kill("SIGTERM");
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => stopAll());
  if (process.env.EXIT_WITH_PARENT === "1") {
    process.stdin.on("end", () => stopAll());
    process.stdin.resume();
  }

  console.log(`[cluster] starting ${count} workers on ${host}`);
  for (let i = 0; i < count; i++) fork(i === 0 ? "background" : "web");
}
