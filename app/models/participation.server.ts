// How a member takes part (issue #15): their participation mode and the time zone their digests follow.
// Paused members get no notifications or mail; "reader only" members are not asked to answer or contribute.
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { PARTICIPATION_MODES, participation, type ParticipationMode } from "../../db/schema";
import { db, type DB } from "./db.server";

export type { ParticipationMode };
export const DEFAULT_TIME_ZONE = "America/New_York";
/** Network questions routed to a member in seven days unless they choose otherwise (0 = never route to me). */
export const DEFAULT_WEEKLY_QUESTION_CAP = 3;
export const MAX_WEEKLY_QUESTION_CAP = 20;

export const PARTICIPATION_MODE_LABELS: Record<ParticipationMode, { label: string; hint: string }> = {
  active: { label: "Active contributor", hint: "Post, answer and take part; hear about what happens in your seminars." },
  answers: { label: "Open to answer questions", hint: "Mostly here to help: questions in your areas may be routed to you." },
  reader: { label: "Reader only", hint: "Read along; nobody routes questions to you or expects a reply." },
  paused: { label: "Paused", hint: "Take a break: no notifications and no mail until you come back." },
};

const ZONES = new Set<string>(Intl.supportedValuesOf("timeZone"));
ZONES.add("UTC");
export const timeZoneOptions = (): string[] => [...ZONES].sort();

export const ParticipationSchema = z.object({
  mode: z.enum(PARTICIPATION_MODES, { error: "Choose how you take part." }),
  timeZone: z.string({ error: "Choose your time zone." }).refine((v) => ZONES.has(v), "Choose a time zone from the list."),
  // Optional: a form without the field (onboarding) keeps the stored cap.
  weeklyQuestionCap: z.coerce
    .number({ error: `Enter a number from 0 to ${MAX_WEEKLY_QUESTION_CAP}.` })
    .int(`Enter a whole number from 0 to ${MAX_WEEKLY_QUESTION_CAP}.`)
    .min(0, `Enter a number from 0 to ${MAX_WEEKLY_QUESTION_CAP}.`)
    .max(MAX_WEEKLY_QUESTION_CAP, `At most ${MAX_WEEKLY_QUESTION_CAP} questions a week.`)
    .optional(),
});
export type ParticipationInput = z.infer<typeof ParticipationSchema>;

export function participationOf({ userId }: { userId: number }): ParticipationInput {
  const row = db()
    .select({ mode: participation.mode, timeZone: participation.timeZone, weeklyQuestionCap: participation.weeklyQuestionCap })
    .from(participation)
    .where(eq(participation.userId, userId))
    .get();
  return row ?? { mode: "active", timeZone: DEFAULT_TIME_ZONE, weeklyQuestionCap: DEFAULT_WEEKLY_QUESTION_CAP };
}

/** Mode and zone of many members at once (defaults where nothing is set). */
export function participationFor(userIds: number[]): Map<number, ParticipationInput> {
  const out = new Map<number, ParticipationInput>();
  if (!userIds.length) return out;
  const rows = db().select().from(participation).where(inArray(participation.userId, userIds)).all();
  const byId = new Map(rows.map((r) => [r.userId, r]));
  for (const id of userIds) {
    const r = byId.get(id);
    out.set(
      id,
      r
        ? { mode: r.mode, timeZone: ZONES.has(r.timeZone) ? r.timeZone : DEFAULT_TIME_ZONE, weeklyQuestionCap: r.weeklyQuestionCap }
        : { mode: "active", timeZone: DEFAULT_TIME_ZONE, weeklyQuestionCap: DEFAULT_WEEKLY_QUESTION_CAP },
    );
  }
  return out;
}

/** Of these members, the ones who paused (notify() and digests leave them out). */
export function pausedAmong(tx: DB, userIds: number[]): Set<number> {
  if (!userIds.length) return new Set();
  const rows = tx
    .select({ id: participation.userId })
    .from(participation)
    .where(and(inArray(participation.userId, userIds), eq(participation.mode, "paused")))
    .all();
  return new Set(rows.map((r) => r.id));
}

export function saveParticipation(tx: DB, { userId, value }: { userId: number; value: ParticipationInput }) {
  const { weeklyQuestionCap, ...rest } = value;
  const set = { ...rest, ...(weeklyQuestionCap === undefined ? {} : { weeklyQuestionCap }), updatedAt: new Date() };
  tx.insert(participation).values({ userId, ...set }).onConflictDoUpdate({ target: participation.userId, set }).run();
}

/** Of these members, those who may be asked to answer questions (active or open to questions; not reader-only or paused). */
export function openToQuestions(tx: DB, userIds: number[]): Set<number> {
  if (!userIds.length) return new Set();
  const closed = new Set(
    tx
      .select({ id: participation.userId })
      .from(participation)
      .where(and(inArray(participation.userId, userIds), inArray(participation.mode, ["reader", "paused"])))
      .all()
      .map((r) => r.id),
  );
  return new Set(userIds.filter((id) => !closed.has(id)));
}
