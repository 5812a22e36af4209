// Issue #18: job postings. Members (and staff on behalf of firms) post openings; members browse and filter them,
// apply through the portal, and the poster sees the applications (and an applicant's profile only when the applicant
// shared it when applying). Postings expire by themselves at their closing date (careers-tasks.server.ts).
import { and, desc, eq, gt, inArray, lte, sql } from "drizzle-orm";
import { jobApplications, jobPostings as jobs, jobTags, profileAreas, profiles, barAdmissions, type APPLY_MODES, type EMPLOYMENT_TYPES, type SENIORITIES } from "../../db/schema";
import { htmlToText, renderMarkdown } from "~/services/markdown.server";
import { countActivity } from "./counts.server";
import { db, writeTransaction, type DB } from "./db.server";
import { isJobOpen } from "./careers-kinds.server";
import { isJobSaved, notifySaversClosed, savedByClause } from "./job-saves.server";
import { canSee, type Viewer } from "./items.server";
import { hiddenNoticeFor } from "./moderation-state.server";
import { notify } from "./notifications.server";
import { memberNames, profilesFor, type VisibleProfile } from "./profile.server";
import { indexDocument, removeDocument } from "./search.server";

export const JOBS_PAGE_SIZE = 20;
/** Posting bursts: at most this many postings per member per hour (issue #18, "bad input and safety"). */
export const JOB_POSTS_PER_HOUR = 10;
/** At most this many matching members are told about one new posting (the rest find it in the list). */
export const JOB_MATCH_NOTIFY_LIMIT = 200;

export interface JobInput {
  title: string;
  organisation: string;
  location: string;
  remote: boolean;
  areas: string[];
  jurisdictions: string[];
  barRequired: boolean;
  seniority: (typeof SENIORITIES)[number];
  employmentType: (typeof EMPLOYMENT_TYPES)[number];
  applyMode: (typeof APPLY_MODES)[number];
  applyUrl: string;
  applyEmail: string;
  descriptionMd: string;
  closesAt: Date;
}

export type JobRow = typeof jobs.$inferSelect;

const isOpen = isJobOpen;

// --- writing --------------------------------------------------------------------------------------------

export type PostResult = { ok: true; id: number } | { ok: false; error: string };

/**
 * The members told about a new posting: open to opportunities, sharing one of its practice areas and, when it names
 * jurisdictions, admitted in one of them. Their notification choice for "jobs" decides mail at once, digest or none.
 */
export function membersMatchingJob(tx: DB, job: { posterId: number | null; areas: string[]; jurisdictions: string[] }): number[] {
  if (!job.areas.length) return [];
  const areaMatch = sql`exists (select 1 from ${profileAreas} pa where pa.user_id = ${profiles.userId} and pa.kind = 'area'
    and pa.value in (select value from json_each(${JSON.stringify(job.areas)})))`;
  const jurisdictionMatch = job.jurisdictions.length
    ? sql`exists (select 1 from ${barAdmissions} b where b.user_id = ${profiles.userId}
        and b.jurisdiction in (select value from json_each(${JSON.stringify(job.jurisdictions)})))`
    : sql`1`;
  return tx
    .select({ id: profiles.userId })
    .from(profiles)
    .where(and(eq(profiles.openToOpportunities, true), eq(profiles.active, true), areaMatch, jurisdictionMatch))
    .limit(JOB_MATCH_NOTIFY_LIMIT)
    .all()
    .map((r) => r.id)
    .filter((id) => id !== job.posterId);
}

export function postJob({ poster, input, now = new Date() }: { poster: Viewer & { name: string }; input: JobInput; now?: Date }): PostResult {
  const descriptionHtml = input.descriptionMd ? renderMarkdown(input.descriptionMd) : "";
  return writeTransaction((tx) => {
    const recent = tx
      .select({ n: sql<number>`count(*)` })
      .from(jobs)
      .where(and(eq(jobs.posterId, poster.id), gt(jobs.createdAt, new Date(now.getTime() - 3600_000))))
      .get()!.n;
    if (recent >= JOB_POSTS_PER_HOUR) return { ok: false, error: `You can post at most ${JOB_POSTS_PER_HOUR} openings an hour. Please try again later.` };
    const { areas, jurisdictions, ...rest } = input;
    const row = tx
      .insert(jobs)
      .values({ ...rest, posterId: poster.id, descriptionHtml, createdAt: now })
      .returning({ id: jobs.id })
      .get();
    const tags = [
      ...[...new Set(areas)].map((value) => ({ jobId: row.id, kind: "area" as const, value })),
      ...[...new Set(jurisdictions)].map((value) => ({ jobId: row.id, kind: "jurisdiction" as const, value })),
    ];
    if (tags.length) tx.insert(jobTags).values(tags).run();
    // Open postings are for every member: a network-wide document, removed when the posting closes or expires.
    indexDocument({
      kind: "job",
      id: row.id,
      seminarId: null,
      title: `${input.title} · ${input.organisation}`,
      body: [input.location, input.remote ? "Remote" : "", ...areas, ...jurisdictions, htmlToText(descriptionHtml, 20_000)].join("\n"),
      path: `/jobs/${row.id}`,
      conn: tx,
    });
    countActivity(tx, { userId: poster.id, counter: "job.posted" });
    notify(tx, {
      ref: { kind: "job", id: row.id },
      event: "job.matched",
      actorId: poster.id,
      recipients: membersMatchingJob(tx, { posterId: poster.id, areas, jurisdictions }),
      topic: "jobs",
      summary: `New opening matching your practice: ${input.title} at ${input.organisation}`,
    });
    return { ok: true, id: row.id };
  });
}

export type ApplyResult = { ok: true } | { ok: false; error: string; status: number };

/** An application through the portal. Refused (whatever a hand-made form posts) once the posting is closed or expired. */
export function applyToJob({
  viewer,
  jobId,
  note,
  shareProfile,
  now = Date.now(),
}: {
  viewer: Viewer & { name: string };
  jobId: number;
  note: string;
  shareProfile: boolean;
  now?: number;
}): ApplyResult {
  return writeTransaction((tx) => {
    const job = tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
    if (!job || !canSee(viewer, { kind: "job", id: jobId })) return { ok: false, status: 404, error: "No such posting." };
    if (!isOpen(job, now)) return { ok: false, status: 409, error: "This posting is closed: it no longer takes applications." };
    if (job.applyMode !== "portal") return { ok: false, status: 409, error: "This posting takes applications outside the portal." };
    if (job.posterId === viewer.id) return { ok: false, status: 409, error: "You posted this opening." };
    const done = tx
      .insert(jobApplications)
      .values({ jobId, userId: viewer.id, note, shareProfile })
      .onConflictDoNothing()
      .run().changes;
    if (!done) return { ok: false, status: 409, error: "You have already applied." };
    countActivity(tx, { userId: viewer.id, counter: "job.applied" });
    if (job.posterId) {
      notify(tx, {
        ref: { kind: "job", id: jobId },
        event: "job.applied",
        actorId: viewer.id,
        recipients: [job.posterId],
        topic: "jobs",
        summary: `${viewer.name} applied for ${job.title}`,
      });
    }
    return { ok: true };
  });
}

/** The poster (or staff) closes a posting early; the members who saved it are told. */
export function closeJob({ viewer, jobId }: { viewer: Viewer; jobId: number }): boolean {
  return writeTransaction((tx) => {
    const job = tx.select().from(jobs).where(eq(jobs.id, jobId)).get();
    if (!job || (job.posterId !== viewer.id && viewer.role !== "admin") || job.status !== "open") return false;
    tx.update(jobs).set({ status: "closed", closedAt: new Date() }).where(eq(jobs.id, jobId)).run();
    removeDocument({ kind: "job", id: jobId, conn: tx });
    notifySaversClosed(tx, job, viewer.id);
    return true;
  });
}

/** Postings past their closing date become "expired" (out of search too). Cheap read first; idempotent. */
export function expireJobs(now = Date.now()): number {
  const due = db()
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(eq(jobs.status, "open"), lte(jobs.closesAt, new Date(now))))
    .limit(500)
    .all();
  if (!due.length) return 0;
  return writeTransaction((tx) => {
    const ids = due.map((d) => d.id);
    const n = tx
      .update(jobs)
      .set({ status: "expired", closedAt: new Date(now) })
      .where(and(inArray(jobs.id, ids), eq(jobs.status, "open")))
      .run().changes;
    for (const id of ids) removeDocument({ kind: "job", id, conn: tx });
    return n;
  });
}

// --- reading --------------------------------------------------------------------------------------------

export interface JobFilters {
  area?: string;
  jurisdiction?: string;
  remote?: boolean;
  mine?: boolean;
  /** The postings the viewer saved, whatever their state. */
  saved?: boolean;
}

export interface JobListing {
  id: number;
  title: string;
  organisation: string;
  location: string;
  remote: boolean;
  seniority: string;
  employmentType: string;
  closesAt: string;
  status: "open" | "closed" | "expired";
  areas: string[];
  jurisdictions: string[];
  matchesMe: boolean;
}

function tagsOf(ids: number[]): Map<number, { areas: string[]; jurisdictions: string[] }> {
  const out = new Map<number, { areas: string[]; jurisdictions: string[] }>();
  for (const id of ids) out.set(id, { areas: [], jurisdictions: [] });
  if (!ids.length) return out;
  for (const t of db().select().from(jobTags).where(inArray(jobTags.jobId, ids)).all()) {
    const e = out.get(t.jobId)!;
    (t.kind === "area" ? e.areas : e.jurisdictions).push(t.value);
  }
  return out;
}

/**
 * Open postings (newest first), or with `mine` (`saved`) every posting the viewer posted (saved) whatever its state.
 * Filters go through the tag index: one EXISTS per filter. Moderation applies as canSee applies it: a hidden posting
 * only in its poster's own list, a removed one nowhere.
 */
export function listJobs({ viewer, filters, page = 1, now = Date.now() }: { viewer: Viewer; filters: JobFilters; page?: number; now?: number }) {
  const where = [
    filters.mine ? eq(jobs.posterId, viewer.id) : filters.saved ? savedByClause(viewer.id, jobs.id) : and(eq(jobs.status, "open"), gt(jobs.closesAt, new Date(now))),
    sql`not exists (select 1 from moderated_items mi where mi.item_kind = 'job' and mi.item_id = ${jobs.id}
      and (mi.state = 'removed' or ${filters.mine ? 0 : 1}))`,
    filters.area
      ? sql`exists (select 1 from ${jobTags} t where t.kind = 'area' and t.value = ${filters.area} and t.job_id = ${jobs.id})`
      : undefined,
    filters.jurisdiction
      ? sql`exists (select 1 from ${jobTags} t where t.kind = 'jurisdiction' and t.value = ${filters.jurisdiction} and t.job_id = ${jobs.id})`
      : undefined,
    filters.remote ? eq(jobs.remote, true) : undefined,
  ];
  const rows = db()
    .select({
      id: jobs.id,
      title: jobs.title,
      organisation: jobs.organisation,
      location: jobs.location,
      remote: jobs.remote,
      seniority: jobs.seniority,
      employmentType: jobs.employmentType,
      closesAt: jobs.closesAt,
      status: jobs.status,
    })
    .from(jobs)
    .where(and(...where))
    .orderBy(desc(jobs.id))
    .limit(JOBS_PAGE_SIZE + 1)
    .offset((page - 1) * JOBS_PAGE_SIZE)
    .all();
  const more = rows.length > JOBS_PAGE_SIZE;
  const shown = rows.slice(0, JOBS_PAGE_SIZE);
  const tags = tagsOf(shown.map((r) => r.id));
  const myAreas = new Set(
    db()
      .select({ value: profileAreas.value })
      .from(profileAreas)
      .where(and(eq(profileAreas.userId, viewer.id), eq(profileAreas.kind, "area")))
      .all()
      .map((r) => r.value),
  );
  const jobsOut: JobListing[] = shown.map((r) => {
    const t = tags.get(r.id)!;
    const status = r.status === "open" && r.closesAt.getTime() <= now ? "expired" : r.status;
    return { ...r, status, closesAt: r.closesAt.toISOString(), ...t, matchesMe: t.areas.some((a) => myAreas.has(a)) };
  });
  return { jobs: jobsOut, more, page };
}

export interface JobApplicationView {
  id: number;
  name: string;
  href: string | null;
  note: string;
  createdAt: string;
  /** Present only when the applicant shared their profile when applying (and then as profileFor shows it). */
  profile: VisibleProfile | null;
}

export interface JobView {
  job: Omit<JobRow, "closesAt" | "createdAt" | "closedAt" | "descriptionMd"> & { closesAt: string; createdAt: string };
  areas: string[];
  jurisdictions: string[];
  open: boolean;
  poster: { name: string; href: string | null } | null;
  isPoster: boolean;
  canManage: boolean;
  myApplication: { createdAt: string; shareProfile: boolean } | null;
  saved: boolean;
  /** "hidden" when moderators hid it and the viewer sees it only as its poster or staff. */
  moderation: "hidden" | "removed" | null;
  /** For the poster and staff only: the applications made through the portal. */
  applications: JobApplicationView[] | null;
}

/** One posting as this viewer may see it, or null (which the route turns into a 404). */
export function jobForViewer({ viewer, id, now = Date.now() }: { viewer: Viewer; id: number; now?: number }): JobView | null {
  if (!canSee(viewer, { kind: "job", id })) return null;
  const row = db().select().from(jobs).where(eq(jobs.id, id)).get();
  if (!row) return null;
  const { closesAt, createdAt, closedAt: _c, descriptionMd: _d, ...rest } = row;
  const t = tagsOf([id]).get(id)!;
  const isPoster = row.posterId === viewer.id;
  const canManage = isPoster || viewer.role === "admin";
  const mine = db()
    .select()
    .from(jobApplications)
    .where(and(eq(jobApplications.jobId, id), eq(jobApplications.userId, viewer.id)))
    .get();
  let applications: JobApplicationView[] | null = null;
  if (canManage) {
    const apps = db().select().from(jobApplications).where(eq(jobApplications.jobId, id)).orderBy(jobApplications.id).all();
    const names = memberNames(apps.map((a) => a.userId));
    // Only the applicants who shared their profile are looked up: nobody else's profile reaches the poster.
    const shared = profilesFor(viewer, apps.filter((a) => a.shareProfile).map((a) => a.userId), { ignoreDirectoryOptOut: true });
    applications = apps.map((a) => {
      const n = names.get(a.userId);
      return {
        id: a.id,
        name: n?.name ?? "Former member",
        href: a.shareProfile ? (n?.href ?? null) : null,
        note: a.note,
        createdAt: a.createdAt.toISOString(),
        profile: a.shareProfile ? (shared.get(a.userId) ?? null) : null,
      };
    });
  }
  const poster = row.posterId ? memberNames([row.posterId]).get(row.posterId) : undefined;
  return {
    job: { ...rest, closesAt: closesAt.toISOString(), createdAt: createdAt.toISOString() },
    ...t,
    open: isOpen(row, now),
    poster: poster ? { name: poster.name, href: poster.href ?? null } : null,
    isPoster,
    canManage,
    myApplication: mine ? { createdAt: mine.createdAt.toISOString(), shareProfile: mine.shareProfile } : null,
    saved: isJobSaved({ viewer, jobId: id }),
    moderation: hiddenNoticeFor({ kind: "job", id }),
    applications,
  };
}
