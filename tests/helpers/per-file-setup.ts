// Runs before each test file: point the app at a freshly migrated database file of its own.
import { afterAll } from "vitest";
import { freshDatabase } from "./template-db";

const template = process.env.COLLOQUY_TEMPLATE_DB;
if (!template) throw new Error("global setup did not create the template database");
const fresh = freshDatabase(template, "file");
process.env.DATABASE_PATH = fresh.file;
process.env.UPLOADS_DIR = fresh.uploads;
process.env.NODE_ENV = "test";
process.env.WORKERS = "off";
process.env.APP_URL = "http://localhost:3999";
delete process.env.SMTP_URL;

afterAll(async () => {
  const { closeDatabase } = await import("~/models/db.server");
  closeDatabase();
});
