// Issue #16: the seminar catalogue. What a member may join (open and by-request seminars that have not started),
// the filters, "Recommended for you", and the seminars a member attended. Invitation-only seminars are never listed.
// Queries are constant SQL text, so the connection's statement cache prepares each once (issue #9).
import { eq } from "drizzle-orm";
import { z } from "zod";
import { seminars, seminarTopics } from "../../db/schema";
import { FORMATS, type SeminarFormat } from "~/utils/catalogue";
import { db, writeTransaction } from "./db.server";
import { controlledLists } from "./profile-write.server";

export const CATALOGUE_PAGE = 20;

export const CatalogueQuerySchema = z.object({
  area: z.string().max(100).optional().catch(undefined),
  jurisdiction: z.string().max(100).optional().catch(undefined),
  month: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  format: z.enum(FORMATS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).optional().catch(undefined),
});
export type CatalogueFilters = z.infer<typeof CatalogueQuerySchema>;

/** Reads the catalogue's query string; unknown values are dropped (a stale link still shows the catalogue). */
export function parseCatalogueQuery(url: URL): CatalogueFilters {
  const raw = Object.fromEntries([...url.searchParams].filter(([, v]) => v !== ""));
  const f = CatalogueQuerySchema.parse(raw);
  const lists = controlledLists();
  if (f.area && !lists.areas.includes(f.area)) f.area = undefined;
  if (f.jurisdiction && !lists.jurisdictions.includes(f.jurisdiction)) f.jurisdiction = undefined;
  return f;
}

export interface CatalogueCard {
  id: number;
  slug: string;
  title: string;
  summary: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  format: SeminarFormat;
  venue: string;
  policy: "open" | "request" | "invitation";
  capacity: number | null;
  seatsLeft: number | null;
  waitlisted: number;
  areas: string[];
  jurisdictions: string[];
  instructors: { id: number; name: string; href: string }[];
  /** The viewer's own state: a member, or an enrolment row's status. */
  mine: "instructor" | "attendee" | "requested" | "waitlisted" | "offered" | null;
}

interface SeminarRow {
  id: number;
  slug: string;
  title: string;
  summary: string;
  starts_at: number;
  ends_at: number;
  time_zone: string;
  format: SeminarFormat;
  venue: string;
  enrolment_policy: CatalogueCard["policy"];
  capacity: number | null;
}

const LISTED = `s.enrolment_policy in ('open', 'request')`;

const LIST_SQL = `
  select s.id, s.slug, s.title, s.summary, s.starts_at, s.ends_at, s.time_zone, s.format, s.venue,
         s.enrolment_policy, s.capacity
  from seminars s
  where ${LISTED} and s.starts_at > @now
    and (@format is null or s.format = @format)
    and (@month is null or local_month(s.starts_at, s.time_zone) = @month)
    and (@area is null or exists (select 1 from seminar_topics t where t.seminar_id = s.id and t.kind = 'area' and t.value = @area))
    and (@jurisdiction is null or exists (select 1 from seminar_topics t where t.seminar_id = s.id and t.kind = 'jurisdiction' and t.value = @jurisdiction))
  order by s.starts_at, s.id
  limit @limit offset @offset`;

/** Upcoming seminars a member may join, filtered; one page, and whether there is another. */
export function listCatalogue({ viewerId, filters, now = new Date() }: { viewerId: number; filters: CatalogueFilters; now?: Date }) {
  const page = filters.page ?? 1;
  const rows = db()
    .$client.prepare(LIST_SQL)
    .all({
      now: now.getTime(),
      format: filters.format ?? null,
      month: filters.month ?? null,
      area: filters.area ?? null,
      jurisdiction: filters.jurisdiction ?? null,
      limit: CATALOGUE_PAGE + 1,
      offset: (page - 1) * CATALOGUE_PAGE,
    }) as SeminarRow[];
  return { seminars: cards(rows.slice(0, CATALOGUE_PAGE), viewerId), hasMore: rows.length > CATALOGUE_PAGE, page };
}

const TOPICS_SQL = `select seminar_id, kind, value from seminar_topics where seminar_id in (select value from json_each(?)) order by value`;
const INSTRUCTORS_SQL = `select m.seminar_id, u.id, u.name from memberships m join users u on u.id = m.user_id
  where m.role = 'instructor' and u.status = 'active' and m.seminar_id in (select value from json_each(?)) order by u.name`;
const COUNTS_SQL = `select s.value as seminar_id,
    (select count(*) from memberships m where m.seminar_id = s.value and m.role = 'attendee') as attendees,
    (select count(*) from enrolments e where e.seminar_id = s.value and e.status = 'offered') as offered,
    (select count(*) from enrolments e where e.seminar_id = s.value and e.status = 'waitlisted') as waitlisted
  from json_each(?) s`;
const MINE_SQL = `select s.value as seminar_id, (select role from memberships m where m.seminar_id = s.value and m.user_id = @user) as role,
    (select status from enrolments e where e.seminar_id = s.value and e.user_id = @user) as status
  from json_each(@ids) s`;

/** Everything a catalogue card shows, for a page of seminars in four queries whatever the page size. */
function cards(rows: SeminarRow[], viewerId: number): CatalogueCard[] {
  if (!rows.length) return [];
  const client = db().$client;
  const ids = JSON.stringify(rows.map((r) => r.id));
  const topics = client.prepare(TOPICS_SQL).all(ids) as { seminar_id: number; kind: string; value: string }[];
  const instructors = client.prepare(INSTRUCTORS_SQL).all(ids) as { seminar_id: number; id: number; name: string }[];
  const counts = new Map(
    (client.prepare(COUNTS_SQL).all(ids) as { seminar_id: number; attendees: number; offered: number; waitlisted: number }[]).map((c) => [
      c.seminar_id,
      c,
    ]),
  );
  const mine = new Map(
    (client.prepare(MINE_SQL).all({ user: viewerId, ids }) as { seminar_id: number; role: string | null; status: string | null }[]).map((m) => [
      m.seminar_id,
      m,
    ]),
  );
  return rows.map((r) => {
    const c = counts.get(r.id);
    const m = mine.get(r.id);
    const taken = (c?.attendees ?? 0) + (c?.offered ?? 0);
    let own: CatalogueCard["mine"] = null;
    if (m?.role === "instructor" || m?.role === "attendee") own = m.role;
    else if (m?.status === "requested" || m?.status === "waitlisted" || m?.status === "offered") own = m.status;
    return {
      id: r.id,
      slug: r.slug,
      title: r.title,
      summary: r.summary,
      startsAt: new Date(r.starts_at).toISOString(),
      endsAt: new Date(r.ends_at).toISOString(),
      timeZone: r.time_zone,
      format: r.format,
      venue: r.venue,
      policy: r.enrolment_policy,
      capacity: r.capacity,
      seatsLeft: r.capacity == null ? null : Math.max(0, r.capacity - taken),
      waitlisted: c?.waitlisted ?? 0,
      areas: topics.filter((t) => t.seminar_id === r.id && t.kind === "area").map((t) => t.value),
      jurisdictions: topics.filter((t) => t.seminar_id === r.id && t.kind === "jurisdiction").map((t) => t.value),
      instructors: instructors.filter((i) => i.seminar_id === r.id).map((i) => ({ id: i.id, name: i.name, href: `/people/${i.id}` })),
      mine: own,
    };
  });
}

// "Recommended for you": each upcoming listed seminar scores 3 per practice area it shares with the member's profile,
// 2 per jurisdiction the member is admitted in, and 1 per topic of a seminar the member was in. Seminars the member
// already belongs to or has asked for are left out. One statement over indexes: a few ms at 1,000 seminars.
const RECOMMEND_SQL = `
  with mine(kind, value, w) as (
    select 'area', value, 3 from profile_areas where user_id = @user and kind = 'area'
    union all select 'jurisdiction', jurisdiction, 2 from bar_admissions where user_id = @user
    union all select t.kind, t.value, 1 from memberships m join seminar_topics t on t.seminar_id = m.seminar_id where m.user_id = @user
  ), scored as (
    select t.seminar_id, sum(mine.w) as score from mine
    join seminar_topics t on t.kind = mine.kind and t.value = mine.value
    group by t.seminar_id
  )
  select s.id, s.slug, s.title, s.summary, s.starts_at, s.ends_at, s.time_zone, s.format, s.venue,
         s.enrolment_policy, s.capacity, scored.score
  from scored join seminars s on s.id = scored.seminar_id
  where ${LISTED} and s.starts_at > @now
    and not exists (select 1 from memberships m where m.seminar_id = s.id and m.user_id = @user)
    and not exists (select 1 from enrolments e where e.seminar_id = s.id and e.user_id = @user and e.status in ('requested', 'waitlisted', 'offered'))
  order by scored.score desc, s.starts_at, s.id
  limit @limit`;

export function recommendedSeminars({ userId, limit = 3, now = new Date() }: { userId: number; limit?: number; now?: Date }): CatalogueCard[] {
  const rows = db().$client.prepare(RECOMMEND_SQL).all({ user: userId, now: now.getTime(), limit }) as SeminarRow[];
  return cards(rows, userId);
}

const SOONEST_SQL = `
  select s.id, s.slug, s.title, s.summary, s.starts_at, s.ends_at, s.time_zone, s.format, s.venue, s.enrolment_policy, s.capacity
  from seminars s
  where ${LISTED} and s.starts_at > @now
    and not exists (select 1 from memberships m where m.seminar_id = s.id and m.user_id = @user)
  order by s.starts_at, s.id limit @limit`;

/** Recommendations, topped up with the soonest seminars when the member's profile and history match few. */
export function nextSeminarsFor({ userId, limit = 3, now = new Date() }: { userId: number; limit?: number; now?: Date }): CatalogueCard[] {
  const picked = recommendedSeminars({ userId, limit, now });
  if (picked.length >= limit) return picked;
  const rows = (db().$client.prepare(SOONEST_SQL).all({ user: userId, now: now.getTime(), limit: limit * 2 }) as SeminarRow[]).filter(
    (r) => !picked.some((p) => p.id === r.id),
  );
  return [...picked, ...cards(rows.slice(0, limit - picked.length), userId)];
}

const PAST_SQL = `
  select s.id, s.slug, s.title, s.summary, s.starts_at, s.ends_at, s.time_zone, s.format, s.venue, s.enrolment_policy, s.capacity
  from memberships m join seminars s on s.id = m.seminar_id
  where m.user_id = @user and s.ends_at < @now
  order by s.ends_at desc limit 50`;

/** Seminars the member took part in (alumni), newest first. */
export function pastSeminars({ userId, now = new Date() }: { userId: number; now?: Date }): CatalogueCard[] {
  return cards(db().$client.prepare(PAST_SQL).all({ user: userId, now: now.getTime() }) as SeminarRow[], userId);
}

/** Months that have listed upcoming seminars, for the month filter (at most two years ahead). */
export function catalogueMonths({ now = new Date() }: { now?: Date } = {}): string[] {
  const rows = db()
    .$client.prepare(
      `select distinct local_month(s.starts_at, s.time_zone) as month from seminars s
       where ${LISTED} and s.starts_at > ? order by month limit 24`,
    )
    .all(now.getTime()) as { month: string }[];
  return rows.map((r) => r.month);
}

const ONE_SQL = `
  select s.id, s.slug, s.title, s.summary, s.starts_at, s.ends_at, s.time_zone, s.format, s.venue, s.enrolment_policy, s.capacity
  from seminars s where s.id = ?`;

/** One seminar's card (the caller has decided the viewer may see it). */
export function listCatalogueCard({ seminarId, viewerId }: { seminarId: number; viewerId: number }): CatalogueCard {
  const row = db().$client.prepare(ONE_SQL).get(seminarId) as SeminarRow;
  return cards([row], viewerId)[0]!;
}

// --- staff settings ------------------------------------------------------------------------------------------------

export function catalogueSettingsSchema() {
  const lists = controlledLists();
  const list = (allowed: string[], message: string) =>
    z.preprocess((v) => (v === undefined ? [] : [v].flat()), z.array(z.string().refine((x) => allowed.includes(x), message)).max(20, "Choose at most 20."));
  return z.object({
    intent: z.literal("settings"),
    policy: z.enum(["open", "request", "invitation"], { error: "Choose who may join." }),
    format: z.enum(FORMATS, { error: "Choose the format." }),
    cancelHoursBefore: z.coerce
      .number({ error: "Enter a number of hours." })
      .int("Enter a whole number of hours.")
      .min(0, "Enter 0 or more hours.")
      .max(24 * 90, "Enter at most 2,160 hours (90 days)."),
    areas: list(lists.areas, "Choose practice areas from the list."),
    jurisdictions: list(lists.jurisdictions, "Choose jurisdictions from the list."),
  });
}

export function topicsOf({ seminarId }: { seminarId: number }) {
  const rows = db().$client.prepare(`select kind, value from seminar_topics where seminar_id = ? order by value`).all(seminarId) as {
    kind: "area" | "jurisdiction";
    value: string;
  }[];
  return { areas: rows.filter((r) => r.kind === "area").map((r) => r.value), jurisdictions: rows.filter((r) => r.kind === "jurisdiction").map((r) => r.value) };
}

export function saveCatalogueSettings({
  seminarId,
  value,
}: {
  seminarId: number;
  value: { policy: "open" | "request" | "invitation"; format: SeminarFormat; cancelHoursBefore: number; areas: string[]; jurisdictions: string[] };
}) {
  writeTransaction((tx) => {
    tx.update(seminars)
      .set({ enrolmentPolicy: value.policy, format: value.format, cancelHoursBefore: value.cancelHoursBefore })
      .where(eq(seminars.id, seminarId))
      .run();
    tx.delete(seminarTopics).where(eq(seminarTopics.seminarId, seminarId)).run();
    for (const v of new Set(value.areas)) tx.insert(seminarTopics).values({ seminarId, kind: "area", value: v }).run();
    for (const v of new Set(value.jurisdictions)) tx.insert(seminarTopics).values({ seminarId, kind: "jurisdiction", value: v }).run();
  });
}
