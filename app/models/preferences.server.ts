// Members' mail choices (issue #4). Every feature that mails members asks mailChoice() first.
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { MAIL_CHOICES, mailPreferences, type MailChoiceValue } from "../../db/schema";
import { db, type DB } from "./db.server";

export type MailChoice = MailChoiceValue;
export const MAIL_TOPICS = ["materials", "replies", "news", "surveys", "seminars", "posts", "sessions", "mentions"] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/** What a member who has set nothing gets. */
export const DEFAULT_MAIL_CHOICES: Record<MailTopic, MailChoice> = {
  materials: "immediate",
  replies: "immediate",
  news: "weekly",
  surveys: "immediate",
  seminars: "immediate",
  posts: "weekly",
  sessions: "weekly",
  mentions: "immediate",
};

export const MAIL_TOPIC_LABELS: Record<MailTopic, { label: string; hint: string }> = {
  materials: { label: "New and updated course materials", hint: "When an instructor posts or updates a material." },
  replies: { label: "Replies to me", hint: "Comments on your posts and replies to your comments." },
  news: { label: "Legal news digest", hint: "New items from your seminars' legal news feeds." },
  surveys: { label: "Survey invitations", hint: "When a seminar asks for your feedback." },
  seminars: { label: "Next seminars", hint: "After a seminar you attended ends: the upcoming seminars we recommend for you (one message)." },
  posts: { label: "New posts in my seminars", hint: "Blog posts published in the seminars you belong to (digest or portal only)." },
  mentions: { label: "Mentions of me", hint: "When someone mentions you (@name) in a post, comment, wiki page or answer you can see." },
  sessions: { label: "Upcoming sessions", hint: "The sessions of your seminars coming up in the next day or week (digest only)." },
};

/** Topics about a stream of things rather than one event: "at once" would flood, so they offer only these. */
export const DIGEST_ONLY_TOPICS: readonly MailTopic[] = ["posts", "sessions"];

export const MAIL_CHOICE_LABELS: Record<MailChoice, string> = {
  portal: "In the portal only",
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
  return choicesFromRow(row);
}

type PreferencesRow = typeof mailPreferences.$inferSelect;
/** A stored row (or none) as every topic's choice. */
export function choicesFromRow(row: Partial<PreferencesRow> | null | undefined): Record<MailTopic, MailChoice> {
  const out = { ...DEFAULT_MAIL_CHOICES };
  if (row) for (const t of MAIL_TOPICS) if (row[t]) out[t] = row[t];
  return out;
}

/** Every topic's choice for many members at once (digests): one query. */
export function mailChoicesFor(userIds: number[]): Map<number, Record<MailTopic, MailChoice>> {
  const out = new Map<number, Record<MailTopic, MailChoice>>();
  if (!userIds.length) return out;
  const rows = db().select().from(mailPreferences).where(inArray(mailPreferences.userId, userIds)).all();
  const byId = new Map(rows.map((r) => [r.userId, r]));
  for (const id of userIds) out.set(id, choicesFromRow(byId.get(id)));
  return out;
}

/** Whether a choice means "mail about this" (at once or in a digest). */
export const mailsAtAll = (c: MailChoice) => c === "immediate" || c === "daily" || c === "weekly";

/** Changes one topic's choice (the one-click unsubscribe link). */
export function setMailChoice(tx: DB, { userId, topic, choice }: { userId: number; topic: MailTopic; choice: MailChoice }) {
  tx.insert(mailPreferences)
    .values({ userId, [topic]: choice, updatedAt: new Date() })
    .onConflictDoUpdate({ target: mailPreferences.userId, set: { [topic]: choice, updatedAt: new Date() } })
    .run();
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
  // Issue #15; absent from older forms.
  posts: z.enum(MAIL_CHOICES).default("weekly"),
  sessions: z.enum(MAIL_CHOICES).default("weekly"),
  mentions: z.enum(MAIL_CHOICES).default("immediate"),
});

export function saveMailChoices(
  tx: DB,
  {
    userId,
    choices,
  }: {
    userId: number;
    choices: Omit<Record<MailTopic, MailChoice>, "seminars" | "posts" | "sessions" | "mentions"> &
      Partial<Record<"seminars" | "posts" | "sessions" | "mentions", MailChoice>>;
  },
) {
  const values = { ...choices, updatedAt: new Date() };
  tx.insert(mailPreferences)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: mailPreferences.userId, set: values })
    .run();
}

/** The topics with the choices each offers (stream-like topics offer no "at once"), for the forms. */
export function topicOptions() {
  return MAIL_TOPICS.map((topic) => ({
    topic,
    ...MAIL_TOPIC_LABELS[topic],
    choices: MAIL_CHOICES.filter((c) => !(c === "immediate" && DIGEST_ONLY_TOPICS.includes(topic))).map((value) => ({
      value,
      label: MAIL_CHOICE_LABELS[value],
    })),
  }));
}
