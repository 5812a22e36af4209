// Issue #18: the spine's visibility handlers for kinds "job" and "referral" (registered in item-kinds.server.ts).
// Kept apart from the feature models, which call notify(): importing those from the registry would make a cycle.
import { and, eq, inArray, sql } from "drizzle-orm";
import { jobApplications, jobPostings as jobs, memberships, referralReplies, referralRoutes, referrals, savedJobs } from "../../db/schema";
import { db } from "./db.server";
import type { ItemSummary, KindHandler, Viewer } from "./items.server";

/** Open: not closed by the poster and before its closing date. */
export const isJobOpen = (j: { status: string; closesAt: Date }, now = Date.now()) => j.status === "open" && j.closesAt.getTime() > now;

/**
 * Any signed-in member sees open postings; a closed or expired one stays visible to its poster, its applicants, the
 * members who saved it and staff (so their notifications, applications and saved list still lead somewhere), and to
 * nobody else.
 */
export const jobKind: KindHandler = {
  visibleIds(viewer: Viewer, ids: number[]): Set<number> {
    const out = new Set<number>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: jobs.id, posterId: jobs.posterId, status: jobs.status, closesAt: jobs.closesAt })
      .from(jobs)
      .where(inArray(jobs.id, ids))
      .all();
    const closed = rows.filter((r) => !isJobOpen(r) && viewer.role !== "admin" && r.posterId !== viewer.id);
    const closedIds = closed.map((r) => r.id);
    const applied = closed.length
      ? new Set(
          db()
            .select({ jobId: jobApplications.jobId })
            .from(jobApplications)
            .where(and(eq(jobApplications.userId, viewer.id), inArray(jobApplications.jobId, closedIds)))
            .union(db().select({ jobId: savedJobs.jobId }).from(savedJobs).where(and(eq(savedJobs.userId, viewer.id), inArray(savedJobs.jobId, closedIds))))
            .all()
            .map((r) => r.jobId),
        )
      : new Set<number>();
    for (const r of rows) {
      if (isJobOpen(r) || viewer.role === "admin" || r.posterId === viewer.id || applied.has(r.id)) out.add(r.id);
    }
    return out;
  },
  summarize(ids: number[]): Map<number, ItemSummary> {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    for (const r of db().select({ id: jobs.id, title: jobs.title, organisation: jobs.organisation }).from(jobs).where(inArray(jobs.id, ids)).all()) {
      out.set(r.id, { title: `${r.title} · ${r.organisation}`, href: `/jobs/${r.id}`, seminarId: null });
    }
    return out;
  },
};

/**
 * Who may see a request: its requester, staff, the members it was routed to and those in a conversation about it;
 * while it is open, also any member when it may be shared beyond the requester's seminars, or else the members who
 * share a seminar with the requester. Client names never appear in it (they are shared in a private conversation).
 */
export const referralKind: KindHandler = {
  visibleIds(viewer: Viewer, ids: number[]): Set<number> {
    const out = new Set<number>();
    if (!ids.length) return out;
    const rows = db()
      .select({ id: referrals.id, requesterId: referrals.requesterId, status: referrals.status, share: referrals.shareBeyondSeminars })
      .from(referrals)
      .where(inArray(referrals.id, ids))
      .all();
    if (viewer.role === "admin") return new Set(rows.map((r) => r.id));
    const rest = rows.filter((r) => r.requesterId !== viewer.id && !(r.status === "open" && r.share));
    for (const r of rows) if (!rest.includes(r)) out.add(r.id);
    if (!rest.length) return out;
    const restIds = rest.map((r) => r.id);
    const involved = db()
      .select({ id: referralRoutes.referralId })
      .from(referralRoutes)
      .where(and(eq(referralRoutes.userId, viewer.id), inArray(referralRoutes.referralId, restIds)))
      .union(
        db()
          .select({ id: referralReplies.referralId })
          .from(referralReplies)
          .where(and(eq(referralReplies.memberId, viewer.id), inArray(referralReplies.referralId, restIds))),
      )
      .all();
    for (const r of involved) out.add(r.id);
    const openWithin = rest.filter((r) => r.status === "open" && !out.has(r.id) && r.requesterId !== null);
    if (openWithin.length) {
      const mates = new Set(
        db()
          .all<{ userId: number }>(sql`select distinct m2.user_id as userId from ${memberships} m1
            join ${memberships} m2 on m2.seminar_id = m1.seminar_id
            where m1.user_id = ${viewer.id}
              and m2.user_id in (select value from json_each(${JSON.stringify(openWithin.map((r) => r.requesterId))}))`)
          .map((r) => r.userId),
      );
      for (const r of openWithin) if (mates.has(r.requesterId!)) out.add(r.id);
    }
    return out;
  },
  summarize(ids: number[]): Map<number, ItemSummary> {
    const out = new Map<number, ItemSummary>();
    if (!ids.length) return out;
    for (const r of db().select({ id: referrals.id, title: referrals.title }).from(referrals).where(inArray(referrals.id, ids)).all()) {
      out.set(r.id, { title: r.title, href: `/referrals/${r.id}`, seminarId: null });
    }
    return out;
  },
};
