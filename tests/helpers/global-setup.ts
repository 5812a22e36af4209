import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { announceMissingExtras } from "./fixtures";
import { createTemplate } from "./template-db";

export default function setup() {
  announceMissingExtras();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-tests-"));
  process.env.COLLOQUY_TEST_ROOT = root;
  process.env.COLLOQUY_TEMPLATE_DB = createTemplate(root);
  return () => fs.rmSync(root, { recursive: true, force: true });
}
