// Starts the built server without seeding or building: used by tests and by deployments that
// build ahead of time. Prints one machine-readable line: "listening <url>".
import { loadEnv } from "~/utils/env.server";
import { closeDatabase, db, migrateDatabase } from "~/models/db.server";
import { startServer } from "./serve";

const config = loadEnv();
migrateDatabase(db());
closeDatabase();
const { server, close } = await startServer({
  port: config.PORT,
  host: config.HOST,
  appUrl: config.APP_URL,
  isProduction: config.isProduction,
  workers: config.WORKERS === "on",
});
const address = server.address();
const port = typeof address === "object" && address ? address.port : config.PORT;
console.log(`listening http://${config.HOST}:${port}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    await close();
    process.exit(0);
  });
}
// Test servers stop by themselves if their parent goes away.
if (process.env.EXIT_WITH_PARENT === "1") {
  process.stdin.on("end", () => process.exit(0));
  process.stdin.resume();
}
