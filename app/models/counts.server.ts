// TEMPORARY SHIM (untracked)
import type { DB } from "./db.server";
export function countActivity(_tx: DB, _input: { userId: number; counter: string; seminarId?: number | null; n?: number }): void {}
