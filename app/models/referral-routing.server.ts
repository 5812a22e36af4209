// Issue #18: who a referral request is routed to. Members who are open to referrals and match its practice area and
// jurisdiction, within the requester's seminars unless it may be shared beyond, then the participation filter, then
// the weekly cap.
import { and, eq, gt, inArray, sql } from "drizzle-orm";
import { barAdmissions, memberships, profileAreas, profiles, referralRoutes, referrals, users } from "../../db/schema";
import type { DB } from "./db.server";
import { openToQuestions } from "./participation.server";

type ReferralRow = typeof referrals.$inferSelect;

/** A member is routed at most this many requests in any seven days (the "weekly cap" of COMMUNITY-DESIGN.md). */
export const REFERRAL_WEEKLY_CAP = 5;
/** At most this many members are routed one request. */
export const REFERRAL_ROUTE_LIMIT = 25;
const WEEK_MS = 7 * 24 * 3600_000;

/** Members who share at least one seminar with `userId` (as a subquery). */
export const seminarMatesOf = (userId: number) =>
  sql`select m2.user_id from ${memberships} m1 join ${memberships} m2 on m2.seminar_id = m1.seminar_id where m1.user_id = ${userId}`;

// --- routing --------------------------------------------------------------------------------------------

/**
 * THE participation filter for referral routing: of these members, the ones whose participation choices allow
 * routing them requests at all. Today: active accounts (open to referrals is checked by the caller's query). Issue
 * #15's participation modes plug in HERE and only here: drop members whose mode is "reader" or "paused"
 * (participationFor in participation.server.ts).
 */
export function filterByRoutingParticipation(tx: DB, userIds: number[]): number[] {
  if (!userIds.length) return [];
  const active = new Set(
    tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.id, userIds), eq(users.status, "active")))
      .all()
      .map((r) => r.id)
  );
  // Readers and paused members are not asked (their participation mode, issue #15).
  const open = openToQuestions(tx, userIds);
  return userIds.filter((id) => active.has(id) && open.has(id));
}

/**
 * The members a request goes to: open to referrals, practising its area, admitted in its jurisdiction, sharing a
 * seminar with the requester unless it may be shared beyond; then the participation filter; then the weekly cap
 * (members who were routed fewest requests lately come first).
 */
export function routeCandidates(
  tx: DB,
  r: Pick<ReferralRow, "requesterId" | "practiceArea" | "jurisdiction" | "shareBeyondSeminars">,
  now = Date.now()
): number[] {
  const requester = r.requesterId ?? 0;
  const found = tx
    .select({ id: profiles.userId })
    .from(profiles)
    .where(
      and(
        eq(profiles.openToReferrals, true),
        eq(profiles.active, true),
        sql`${profiles.userId} <> ${requester}`,
        sql`exists (select 1 from ${profileAreas} pa where pa.user_id = ${profiles.userId} and pa.kind = 'area' and pa.value = ${r.practiceArea})`,
        sql`exists (select 1 from ${barAdmissions} b where b.user_id = ${profiles.userId} and b.jurisdiction = ${r.jurisdiction} and b.status in ('active', 'pending'))`,
        r.shareBeyondSeminars ? undefined : sql`${profiles.userId} in (${seminarMatesOf(requester)})`
      )
    )
    .limit(500)
    .all()
    .map((x) => x.id);
  const allowed = filterByRoutingParticipation(tx, found);
  if (!allowed.length) return [];
  const recent = new Map(
    tx
      .select({ userId: referralRoutes.userId, n: sql<number>`count(*)` })
      .from(referralRoutes)
      .where(and(inArray(referralRoutes.userId, allowed), gt(referralRoutes.createdAt, new Date(now - WEEK_MS))))
      .groupBy(referralRoutes.userId)
      .all()
      .map((x) => [x.userId, x.n])
  );
  return allowed
    .filter((id) => (recent.get(id) ?? 0) < REFERRAL_WEEKLY_CAP)
    .sort((a, b) => (recent.get(a) ?? 0) - (recent.get(b) ?? 0) || a - b)
    .slice(0, REFERRAL_ROUTE_LIMIT);
}
