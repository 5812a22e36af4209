// Serves the built app without seeding or building: for tests, the benchmark and deployments that build ahead of
// time. It runs from inside the compiled server build (entry.server re-exports it), started by the plain-JS launcher
// app/cli/serve-built.mjs, so production needs no TypeScript loader: a faster cold start and less memory (issue #9).
// With more than one core (WEB_CONCURRENCY, default: the cores this process may use) it runs one worker per core
// under a cluster primary (issue 23, app/cli/cluster.ts).
// Prints one machine-readable line: "listening <url>".
import cluster from "node:cluster";
import os from "node:os";
import { closeDatabase, db, migrateDatabase } from "~/models/db.server";
import { runsBackgroundWork, sendToCluster } from "~/services/cluster.server";
import { loadEnv } from "~/utils/env.server";
import { describeTrustProxy } from "~/utils/trust-proxy.server";
import { runPrimary } from "./cluster";
import { startServer, type AppBuild } from "./serve";

export async function serveOnly(build: AppBuild): Promise<void> {
  const config = loadEnv();
  const count = config.WEB_CONCURRENCY ?? os.availableParallelism();
  const announce = (port: number) => {
    console.log(`listening http://${config.HOST}:${port}`);
    console.log(`public origin ${config.APP_URL}; client addresses: ${describeTrustProxy(config.TRUST_PROXY)}`);
  };
  if (cluster.isPrimary) {
    migrateDatabase(db());
    closeDatabase();
    if (count > 1) return runPrimary({ count, host: config.HOST, onListening: announce });
  }
  const { server, close } = await startServer({
    port: config.PORT,
    host: config.HOST,
    appUrl: config.APP_URL,
    isProduction: config.isProduction,
    build,
    workers: config.WORKERS === "on" && runsBackgroundWork,
    trustProxy: config.TRUST_PROXY,
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  if (cluster.isWorker) sendToCluster({ colloquy: "listening", port });
  else announce(port);
  // A second signal during the graceful stop (systemd and npm may both pass one on) must not kill it half-way.
  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error("[server] unclean stop:", error);
        process.exit(1);
      },
    );
  };
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, stop);
  // A worker whose primary has gone stops too.
  if (cluster.isWorker) process.on("disconnect", stop);
  // Test servers stop by themselves if their parent goes away.
  if (process.env.EXIT_WITH_PARENT === "1" && !cluster.isWorker) {
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}
