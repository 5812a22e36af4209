import { loadEnv } from "~/utils/env.server";
import { closeDatabase, db, migrateDatabase } from "~/models/db.server";

const config = loadEnv();
migrateDatabase(db());
closeDatabase();
console.log(`Migrations applied to ${config.DATABASE_PATH}`);
