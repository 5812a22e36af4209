// Issue #15: unread direct messages not seen within the member's chosen delay are told through the spine's notify()
// (notification centre, and mail if their "Unread messages" choice says so) with a link back, never the message
// text. State lives in conversation_members (pending_since, mailed_up_to_id), so a restart only delays it and
// nothing is told twice.
import { dueUnreadMail, conversationLabel, markUnreadMailed, summarizeMessages } from "~/models/messages.server";
import { writeTransaction } from "~/models/db.server";
import { notify } from "~/models/notifications.server";

/** One batch: a cheap read, then one short write transaction per member and conversation. */
export function sendUnreadMessageNotices({ now = Date.now(), limit = 200 }: { now?: number; limit?: number } = {}): number {
  const due = dueUnreadMail({ now, limit });
  let told = 0;
  const authors = summarizeMessages(due.map((d) => d.lastMessageId));
  for (const d of due) {
    const label = conversationLabel(d.conversationId, d.userId);
    told += writeTransaction((tx) => {
      // Still pending and unchanged since the read above (the member may have opened it meanwhile).
      const still = tx.$client
        .prepare(
          `select 1 from conversation_members where conversation_id = ? and user_id = ? and pending_since is not null
             and last_message_id = ? and last_read_id < last_message_id and left_at is null and muted_at is null`,
        )
        .get(d.conversationId, d.userId, d.lastMessageId);
      if (!still) return 0;
      notify(tx, {
        ref: { kind: "message", id: d.lastMessageId },
        event: "message.unread",
        actorId: authors.get(d.lastMessageId)?.authorId ?? null,
        recipients: [d.userId],
        topic: "messages",
        summary: `You have unread messages from ${label}`,
      });
      markUnreadMailed(tx, d);
      return 1;
    });
  }
  return told;
}

// Runs as the "unread-messages" task, listed in services/tasks.server.ts.
