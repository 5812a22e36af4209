// Serves the built app without seeding or building: for tests, the benchmark and deployments that build ahead of
// time. It runs from inside the compiled server build (entry.server re-exports it), started by the plain-JS launcher
// app/cli/serve-built.mjs, so production needs no TypeScript loader: a faster cold start and less memory (issue #9).
// Prints one machine-readable line: "listening <url>".
import { closeDatabase, db, migrateDatabase } from "~/models/db.server";
import { loadEnv } from "~/utils/env.server";
import { describeTrustProxy } from "~/utils/trust-proxy.server";
import { startServer, type AppBuild } from "./serve";

export async function serveOnly(build: AppBuild): Promise<void> {
  const config = loadEnv();
  migrateDatabase(db());
  closeDatabase();
  const { server, close } = await startServer({
    port: config.PORT,
    host: config.HOST,
    appUrl: config.APP_URL,
    isProduction: config.isProduction,
    build,
    workers: config.WORKERS === "on",
    trustProxy: config.TRUST_PROXY,
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  console.log(`listening http://${config.HOST}:${port}`);
  console.log(`public origin ${config.APP_URL}; client addresses: ${describeTrustProxy(config.TRUST_PROXY)}`);
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
  // Test servers stop by themselves if their parent goes away.
  if (process.env.EXIT_WITH_PARENT === "1") {
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}
