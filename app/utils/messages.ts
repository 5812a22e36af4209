// Limits and choices of direct messages (issue #15), shared by the schema, the model and the pages.
/** Everyone in a conversation, the sender included. */
export const MAX_PARTICIPANTS = 20;
/** A message's text, in characters; far below what a form can carry, so a refusal keeps the draft. */
export const MESSAGE_MAX_CHARS = 20_000;
export const WHO_MAY_MESSAGE = ["network", "seminars", "instructors", "nobody"] as const;
export type WhoMayMessage = (typeof WHO_MAY_MESSAGE)[number];
/** Minutes an unread message waits before the member is told (their "Unread messages" mail choice applies). */
export const UNREAD_MAIL_DELAYS = [15, 60, 240, 1440] as const;
