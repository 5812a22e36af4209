// One-click unsubscribe (issue #15, RFC 8058). Every member mail about a kind of event carries a link per member and
// kind; opening it shows one button, and a POST to it (the button, or a mail provider's RFC 8058 one-click POST with
// `List-Unsubscribe=One-Click`) turns that kind's mail off ("in the portal only"). No sign-in: the link is the proof.
// The token is an HMAC of member and kind under the server secret: nothing to store per mail, 256 bits that cannot
// be guessed or altered to another member or kind, and a changed secret retires every old link.
import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { safeEqual } from "~/utils/crypto.server";
import { env } from "~/utils/env.server";
import { db, writeTransaction } from "./db.server";
import { MAIL_CHOICE_LABELS, MAIL_TOPICS, MAIL_TOPIC_LABELS, mailChoices, mailsAtAll, setMailChoice, type MailChoice, type MailTopic } from "./preferences.server";

/** A topic, or one of the two digests (which cover every topic set to that cadence). */
export type UnsubscribeKind = MailTopic | "digest-daily" | "digest-weekly";
const KINDS: readonly string[] = [...MAIL_TOPICS, "digest-daily", "digest-weekly"];

function signature(userId: number, kind: string): string {
  return createHmac("sha256", env().SESSION_SECRET).update(`colloquy-unsubscribe:v1:${userId}:${kind}`).digest("base64url");
}

export function unsubscribeToken({ userId, kind }: { userId: number; kind: UnsubscribeKind }): string {
  return `${userId}.${kind}.${signature(userId, kind)}`;
}

export function unsubscribeUrl(input: { userId: number; kind: UnsubscribeKind }): string {
  return new URL(`/unsubscribe/${unsubscribeToken(input)}`, env().APP_URL).href;
}

/** The member and kind behind a token, or null when it was not made by this server. */
export function readUnsubscribeToken(token: string): { userId: number; kind: UnsubscribeKind } | null {
  const m = /^([1-9][0-9]{0,9})\.([a-z-]{1,20})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!m || !KINDS.includes(m[2]!)) return null;
  const userId = Number(m[1]);
  if (!safeEqual(m[3]!, signature(userId, m[2]!))) return null;
  return { userId, kind: m[2] as UnsubscribeKind };
}

export function kindLabel(kind: UnsubscribeKind): string {
  if (kind === "digest-daily") return "The daily digest";
  if (kind === "digest-weekly") return "The weekly digest";
  return MAIL_TOPIC_LABELS[kind].label;
}

/** The topics a link switches off: its own, or for a digest every topic now set to that cadence. */
function topicsFor(kind: UnsubscribeKind, choices: Record<MailTopic, MailChoice>): MailTopic[] {
  if (kind === "digest-daily") return MAIL_TOPICS.filter((t) => choices[t] === "daily");
  if (kind === "digest-weekly") return MAIL_TOPICS.filter((t) => choices[t] === "weekly");
  return mailsAtAll(choices[kind]) ? [kind] : [];
}

export function unsubscribeStatus({ userId, kind }: { userId: number; kind: UnsubscribeKind }) {
  const user = db().select({ email: users.email, status: users.status }).from(users).where(eq(users.id, userId)).get();
  if (!user || user.status === "deleted") return null;
  const choices = mailChoices({ userId });
  return { email: user.email, label: kindLabel(kind), subscribed: topicsFor(kind, choices).length > 0, portalLabel: MAIL_CHOICE_LABELS.portal };
}

/** Turns the kind's mail off: its topics become "in the portal only". Idempotent. */
export function unsubscribe({ userId, kind }: { userId: number; kind: UnsubscribeKind }): MailTopic[] {
  return writeTransaction((tx) => {
    const topics = topicsFor(kind, mailChoices({ userId }));
    for (const topic of topics) setMailChoice(tx, { userId, topic, choice: "portal" });
    return topics;
  });
}
