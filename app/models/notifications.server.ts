// TEMPORARY SHIM (untracked)
import type { DB } from "./db.server";
import type { ItemRef } from "./items.server";
import type { MailTopic } from "./preferences.server";
export function notify(_tx: DB, input: { ref: ItemRef; event: string; actorId: number | null; recipients: number[]; topic: MailTopic; summary: string }): number[] {
  return input.recipients.filter((r) => r !== input.actorId);
}
