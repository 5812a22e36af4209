// Members' mail choices (issue #4). Every feature that mails members asks mailChoice() first.
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { MAIL_CHOICES, mailPreferences, type MailChoiceValue } from "../../db/schema";
import { db, prepared, type DB } from "./db.server";

export type MailChoice = MailChoiceValue;
export const MAIL_TOPICS = ["materials", "replies", "news", "surveys", "seminars", "enrolments", "jobs", "referrals", "questions", "answers", "credits", "posts", "sessions", "mentions", "messages", "invitations"] as const;
export type MailTopic = (typeof MAIL_TOPICS)[number];

/** What a member who has set nothing gets. */
export const DEFAULT_MAIL_CHOICES: Record<MailTopic, MailChoice> = {
  materials: "immediate",
  replies: "immediate",
  news: "weekly",
  surveys: "immediate",
  seminars: "immediate",
  enrolments: "immediate",
  jobs: "weekly",
  referrals: "immediate",
  questions: "immediate",
  answers: "immediate",
  credits: "immediate",
  // Issue #15.
  posts: "weekly",
  sessions: "weekly",
  mentions: "immediate",
  messages: "immediate",
  // Issue #19.
  invitations: "immediate",
};

export const MAIL_TOPIC_LABELS: Record<MailTopic, { label: string; hint: string }> = {
  materials: { label: "New and updated course materials", hint: "When an instructor posts or updates a material." },
  replies: { label: "Replies to me", hint: "Comments on your posts and replies to your comments." },
  news: { label: "Legal news digest", hint: "New items from your seminars' legal news feeds." },
  surveys: { label: "Survey invitations", hint: "When a seminar asks for your feedback." },
  seminars: { label: "Next seminars", hint: "After a seminar you attended ends: the upcoming seminars we recommend for you (one message)." },
  enrolments: { label: "Enrolment requests", hint: "For instructors: when a member asks to join a seminar you teach." },
  jobs: { label: "Job postings", hint: "New openings matching your practice (when you are open to opportunities), and applications to your postings." },
  referrals: { label: "Referral requests", hint: "Requests for counsel that match you (when you are open to referrals), and private answers about them." },
  questions: { label: "Questions for me", hint: "Questions in your practice areas and jurisdictions, questions to you as instructor, and new questions on topics you follow. “Never” also stops questions being routed to you." },
  answers: { label: "Answers", hint: "Answers to questions you asked or follow, comments on your answers, and when your answer is accepted." },
  credits: { label: "CLE certificates", hint: "When a certificate of attendance is ready for you, or was reissued." },
  posts: { label: "New posts in my seminars", hint: "Blog posts published in the seminars you belong to (digest or portal only)." },
  mentions: { label: "Mentions of me", hint: "When someone mentions you (@name) in a post, comment, wiki page or answer you can see." },
  sessions: { label: "Upcoming sessions", hint: "The sessions of your seminars coming up in the next day or week (digest only)." },
  messages: {
    label: "Unread messages",
    hint: "When a direct message waits unread longer than the delay you chose under “Messages” below. The mail never contains the message.",
  },
  invitations: { label: "Invitations", hint: "When a colleague you invited joins; for staff, member invitations waiting for approval." },
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

/** All choices of a member (defaults where nothing is set). */
export function mailChoices({ userId }: { userId: number }): Record<MailTopic, MailChoice> {
  const rows = prepared("preferences:choices", (d) =>
    d
      .select({ topic: mailPreferences.topic, choice: mailPreferences.choice })
      .from(mailPreferences)
      .where(eq(mailPreferences.userId, sql.placeholder("userId")))
      .prepare(),
  ).all({ userId });
  const out = { ...DEFAULT_MAIL_CHOICES };
  for (const r of rows) if (isTopic(r.topic)) out[r.topic] = r.choice;
  return out;
}

function isTopic(t: string): t is MailTopic {
  return (MAIL_TOPICS as readonly string[]).includes(t);
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

/** Every topic's choice; a topic the form did not send (a form from before it existed) keeps the member's choice. */
export const MailPreferencesSchema = z.object(
  Object.fromEntries(MAIL_TOPICS.map((t) => [t, z.enum(MAIL_CHOICES).optional()])) as {
    [K in MailTopic]: z.ZodOptional<z.ZodEnum<{ [C in MailChoice]: C }>>;
  },
);

/** Saves the given topics' choices (the others keep theirs). Call inside a write transaction. */
export function saveMailChoices(tx: DB, { userId, choices }: { userId: number; choices: Partial<Record<MailTopic, MailChoice>> }) {
  const updatedAt = new Date();
  for (const [topic, choice] of Object.entries(choices) as [MailTopic, MailChoice | undefined][]) {
    if (!choice || !isTopic(topic)) continue;
    tx.insert(mailPreferences)
      .values({ userId, topic, choice, updatedAt })
      .onConflictDoUpdate({ target: [mailPreferences.userId, mailPreferences.topic], set: { choice, updatedAt } })
      .run();
  }
}

/** Every topic's choice for many members at once (digests): one query. */
export function mailChoicesFor(userIds: number[]): Map<number, Record<MailTopic, MailChoice>> {
  const out = new Map<number, Record<MailTopic, MailChoice>>();
  for (const id of userIds) out.set(id, { ...DEFAULT_MAIL_CHOICES });
  if (!userIds.length) return out;
  const rows = db().select().from(mailPreferences).where(inArray(mailPreferences.userId, userIds)).all();
  for (const r of rows) if (isTopic(r.topic)) out.get(r.userId)![r.topic] = r.choice;
  return out;
}

/** Whether a choice means "mail about this" (at once or in a digest). */
export const mailsAtAll = (c: MailChoice) => c === "immediate" || c === "daily" || c === "weekly";

/** Changes one topic's choice (the one-click unsubscribe link). Call inside a write transaction. */
export function setMailChoice(tx: DB, { userId, topic, choice }: { userId: number; topic: MailTopic; choice: MailChoice }) {
  saveMailChoices(tx, { userId, choices: { [topic]: choice } });
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
