// Members' mail choices (issue #4). Every feature that mails members asks mailChoice() first.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { MAIL_CHOICES, mailPreferences, type MailChoiceValue } from "../../db/schema";
import { db, type DB } from "./db.server";

export type MailChoice = MailChoiceValue;
export const MAIL_TOPICS = ["materials", "replies", "news", "surveys", "seminars", "messages"] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/** What a member who has set nothing gets. */
export const DEFAULT_MAIL_CHOICES: Record<MailTopic, MailChoice> = {
  materials: "immediate",
  replies: "immediate",
  news: "weekly",
  surveys: "immediate",
  seminars: "immediate",
  messages: "immediate",
};

export const MAIL_TOPIC_LABELS: Record<MailTopic, { label: string; hint: string }> = {
  materials: { label: "New and updated course materials", hint: "When an instructor posts or updates a material." },
  replies: { label: "Replies to me", hint: "Comments on your posts and replies to your comments." },
  news: { label: "Legal news digest", hint: "New items from your seminars' legal news feeds." },
  surveys: { label: "Survey invitations", hint: "When a seminar asks for your feedback." },
  seminars: { label: "Next seminars", hint: "After a seminar you attended ends: the upcoming seminars we recommend for you (one message)." },
  messages: {
    label: "Unread messages",
    hint: "When a direct message waits unread longer than the delay you chose under “Messages” below. The mail never contains the message.",
  },
};

export const MAIL_CHOICE_LABELS: Record<MailChoice, string> = {
  immediate: "At once",
  daily: "Daily digest",
  weekly: "Weekly digest",
  never: "Never",
};

function buildStatement(d: DB) {
  return d
    .select()
    .from(mailPreferences)
    .where(eq(mailPreferences.userId, sql.placeholder("userId")))
    .prepare();
}
let prepared: { db: DB; stmt: ReturnType<typeof buildStatement> } | null = null;

function rowFor(userId: number) {
  const d = db();
  if (!prepared || prepared.db !== d) prepared = { db: d, stmt: buildStatement(d) };
  return prepared.stmt.get({ userId });
}

/** All four choices of a member (defaults where nothing is set). */
export function mailChoices({ userId }: { userId: number }): Record<MailTopic, MailChoice> {
  const row = rowFor(userId);
  if (!row) return { ...DEFAULT_MAIL_CHOICES };
  return { materials: row.materials, replies: row.replies, news: row.news, surveys: row.surveys, seminars: row.seminars, messages: row.messages };
}

/** How this member wants mail about this topic: "immediate" | "daily" | "weekly" | "never". */
export function mailChoice({ userId, topic }: { userId: number; topic: MailTopic }): MailChoice {
  return mailChoices({ userId })[topic];
}

/** The members (of the given ids) who want this topic at this cadence; for digests and fan-out. */
export function membersWanting({
  userIds,
  topic,
  choice,
}: {
  userIds: number[];
  topic: MailTopic;
  choice: MailChoice;
}): number[] {
  return userIds.filter((userId) => mailChoice({ userId, topic }) === choice);
}

export const MailPreferencesSchema = z.object({
  materials: z.enum(MAIL_CHOICES),
  replies: z.enum(MAIL_CHOICES),
  news: z.enum(MAIL_CHOICES),
  surveys: z.enum(MAIL_CHOICES),
  // Added by issue #16; a form from before it (no field) keeps the default instead of failing.
  seminars: z.enum(MAIL_CHOICES).default("immediate"),
  // Issue #15 (direct messages); likewise absent from older forms.
  messages: z.enum(MAIL_CHOICES).default("immediate"),
});

export function saveMailChoices(
  tx: DB,
  { userId, choices }: { userId: number; choices: Omit<Record<MailTopic, MailChoice>, "seminars" | "messages"> & { seminars?: MailChoice; messages?: MailChoice } },
) {
  const values = { ...choices, updatedAt: new Date() };
  tx.insert(mailPreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: mailPreferences.userId, set: values })
    .run();
}
