// Issue #18: referral requests. A member asks for counsel; the request is routed to members who are open to referrals
// and match its practice area and jurisdiction (within their choices and a weekly cap); they answer privately; the
// requester marks it placed with one of them and may thank them (shown on that member's profile if they allow it).
import { and, desc, eq, gt, or, sql } from "drizzle-orm";
import { referralReplies, referralRoutes, referrals, type URGENCIES } from "../../db/schema";
import { htmlToText, renderMarkdown } from "~/services/markdown.server";
import { countActivity } from "./counts.server";
import { db, writeTransaction } from "./db.server";
import { canSee, type Viewer } from "./items.server";
import { hiddenNoticeFor } from "./moderation-state.server";
import { notify } from "./notifications.server";
import { memberNames } from "./profile.server";
import { REFERRAL_WEEKLY_CAP, routeCandidates, seminarMatesOf } from "./referral-routing.server";
import { indexDocument, removeDocument } from "./search.server";

export { REFERRAL_WEEKLY_CAP };

/** Posting bursts: at most this many requests per member per hour. */
export const REFERRALS_PER_HOUR = 5;
export const REFERRALS_PAGE_SIZE = 20;

export interface ReferralInput {
  title: string;
  detailsMd: string;
  practiceArea: string;
  jurisdiction: string;
  urgency: (typeof URGENCIES)[number];
  shareBeyondSeminars: boolean;
}

type ReferralRow = typeof referrals.$inferSelect;

// --- writing --------------------------------------------------------------------------------------------

export type ReferralResult = { ok: true; id: number; routed: number } | { ok: false; error: string };

export function postReferral({ requester, input, now = new Date() }: { requester: Viewer & { name: string }; input: ReferralInput; now?: Date }): ReferralResult {
  const detailsHtml = input.detailsMd ? renderMarkdown(input.detailsMd) : "";
  return writeTransaction((tx) => {
    const recent = tx
      .select({ n: sql<number>`count(*)` })
      .from(referrals)
      .where(and(eq(referrals.requesterId, requester.id), gt(referrals.createdAt, new Date(now.getTime() - 3600_000))))
      .get()!.n;
    if (recent >= REFERRALS_PER_HOUR) return { ok: false, error: `You can post at most ${REFERRALS_PER_HOUR} requests an hour. Please try again later.` };
    const row = tx
      .insert(referrals)
      .values({ ...input, detailsHtml, requesterId: requester.id, createdAt: now })
      .returning()
      .get();
    // Only a request every member may see is findable in search (while it is open); one kept within the requester's
    // seminars is not indexed at all rather than risk a title reaching someone outside them.
    if (input.shareBeyondSeminars) {
      indexDocument({
        kind: "referral",
        id: row.id,
        seminarId: null,
        title: input.title,
        body: [input.practiceArea, input.jurisdiction, htmlToText(detailsHtml, 10_000)].join("\n"),
        path: `/referrals/${row.id}`,
        conn: tx,
      });
    }
    const routed = routeCandidates(tx, row, now.getTime());
    if (routed.length) tx.insert(referralRoutes).values(routed.map((userId) => ({ referralId: row.id, userId, createdAt: now }))).run();
    countActivity(tx, { userId: requester.id, counter: "referral.requested" });
    notify(tx, {
      ref: { kind: "referral", id: row.id },
      event: "referral.routed",
      actorId: requester.id,
      recipients: routed,
      topic: "referrals",
      summary: `${requester.name} is looking for counsel: ${input.practiceArea}, ${input.jurisdiction}`,
    });
    return { ok: true, id: row.id, routed: routed.length };
  });
}

export type ReplyResult = { ok: true } | { ok: false; error: string; status: number };

/**
 * A message in the private conversation about a request. A member writes in their own conversation with the
 * requester; the requester writes in the conversation with `memberId`, which that member must have started.
 */
export function replyToReferral({
  viewer,
  referralId,
  memberId,
  body,
}: {
  viewer: Viewer & { name: string };
  referralId: number;
  memberId?: number;
  body: string;
}): ReplyResult {
  return writeTransaction((tx) => {
    const r = tx.select().from(referrals).where(eq(referrals.id, referralId)).get();
    if (!r || !canSee(viewer, { kind: "referral", id: referralId })) return { ok: false, status: 404, error: "No such request." };
    const isRequester = r.requesterId === viewer.id;
    const threadWith = isRequester ? memberId : viewer.id;
    if (!threadWith || threadWith === r.requesterId) return { ok: false, status: 400, error: "Choose whom to answer." };
    const started = tx
      .select({ id: referralReplies.id })
      .from(referralReplies)
      .where(and(eq(referralReplies.referralId, referralId), eq(referralReplies.memberId, threadWith)))
      .limit(1)
      .get();
    if (isRequester && !started) return { ok: false, status: 404, error: "No such conversation." };
    if (!isRequester && !started && r.status !== "open") return { ok: false, status: 409, error: "This request is no longer open." };
    tx.insert(referralReplies).values({ referralId, memberId: threadWith, authorId: viewer.id, body }).run();
    if (!isRequester && !started) countActivity(tx, { userId: viewer.id, counter: "referral.answered" });
    const other = isRequester ? threadWith : r.requesterId;
    if (other) {
      notify(tx, {
        ref: { kind: "referral", id: referralId },
        event: "referral.answered",
        actorId: viewer.id,
        recipients: [other],
        topic: "referrals",
        summary: `${viewer.name} answered privately about “${r.title}”`,
      });
    }
    return { ok: true };
  });
}

/** The requester marks the request placed with a member who answered, optionally thanking them. */
export function markPlaced({
  viewer,
  referralId,
  memberId,
  thanks,
}: {
  viewer: Viewer & { name: string };
  referralId: number;
  memberId: number;
  thanks: string;
}): ReplyResult {
  return writeTransaction((tx) => {
    const r = tx.select().from(referrals).where(eq(referrals.id, referralId)).get();
    if (!r || r.requesterId !== viewer.id) return { ok: false, status: 404, error: "No such request." };
    if (r.status !== "open") return { ok: false, status: 409, error: "This request is already closed." };
    const answered = tx
      .select({ id: referralReplies.id })
      .from(referralReplies)
      .where(and(eq(referralReplies.referralId, referralId), eq(referralReplies.memberId, memberId)))
      .limit(1)
      .get();
    if (!answered) return { ok: false, status: 400, error: "Choose a member who answered your request." };
    tx.update(referrals).set({ status: "placed", placedWithId: memberId, thanks, placedAt: new Date() }).where(eq(referrals.id, referralId)).run();
    removeDocument({ kind: "referral", id: referralId, conn: tx });
    countActivity(tx, { userId: viewer.id, counter: "referral.placed" });
    notify(tx, {
      ref: { kind: "referral", id: referralId },
      event: "referral.placed",
      actorId: viewer.id,
      recipients: [memberId],
      topic: "referrals",
      summary: thanks ? `${viewer.name} placed “${r.title}” with you and thanked you` : `${viewer.name} placed “${r.title}” with you`,
    });
    return { ok: true };
  });
}

/** The requester withdraws an open request. */
export function withdrawReferral({ viewer, referralId }: { viewer: Viewer; referralId: number }): boolean {
  return writeTransaction((tx) => {
    const done =
      tx
        .update(referrals)
        .set({ status: "withdrawn" })
        .where(and(eq(referrals.id, referralId), eq(referrals.requesterId, viewer.id), eq(referrals.status, "open")))
        .run().changes === 1;
    if (done) removeDocument({ kind: "referral", id: referralId, conn: tx });
    return done;
  });
}

// --- reading --------------------------------------------------------------------------------------------

export interface ReferralListing {
  id: number;
  title: string;
  practiceArea: string;
  jurisdiction: string;
  urgency: string;
  status: string;
  createdAt: string;
  requester: string;
}

const listingColumns = {
  id: referrals.id,
  title: referrals.title,
  practiceArea: referrals.practiceArea,
  jurisdiction: referrals.jurisdiction,
  urgency: referrals.urgency,
  status: referrals.status,
  createdAt: referrals.createdAt,
  requesterId: referrals.requesterId,
};

function toListings(rows: { id: number; title: string; practiceArea: string; jurisdiction: string; urgency: string; status: string; createdAt: Date; requesterId: number | null }[]): ReferralListing[] {
  const names = memberNames(rows.map((r) => r.requesterId ?? 0));
  return rows.map(({ requesterId, createdAt, ...r }) => ({
    ...r,
    createdAt: createdAt.toISOString(),
    requester: (requesterId && names.get(requesterId)?.name) || "Former member",
  }));
}

/** Moderation as canSee applies it: hidden requests only in the requester's own list, removed ones nowhere. */
const notModerated = (ownList: boolean) =>
  sql`not exists (select 1 from moderated_items mi where mi.item_kind = 'referral' and mi.item_id = ${referrals.id}
    and (mi.state = 'removed' or ${ownList ? 0 : 1}))`;

/** The viewer's page: requests routed to them, their own requests, and open requests they may see and take. */
export function referralOverview({ viewer, page = 1 }: { viewer: Viewer; page?: number }) {
  const routed = db()
    .select(listingColumns)
    .from(referralRoutes)
    .innerJoin(referrals, eq(referrals.id, referralRoutes.referralId))
    .where(and(eq(referralRoutes.userId, viewer.id), notModerated(false)))
    .orderBy(desc(referralRoutes.createdAt))
    .limit(50)
    .all();
  const mine = db().select(listingColumns).from(referrals).where(and(eq(referrals.requesterId, viewer.id), notModerated(true))).orderBy(desc(referrals.id)).limit(50).all();
  // Open requests shared beyond seminars, or asked by someone sharing a seminar with the viewer (the referralKind rule).
  const open = db()
    .select(listingColumns)
    .from(referrals)
    .where(
      and(
        eq(referrals.status, "open"),
        sql`${referrals.requesterId} <> ${viewer.id}`,
        notModerated(false),
        viewer.role === "admin" ? undefined : or(eq(referrals.shareBeyondSeminars, true), sql`${referrals.requesterId} in (${seminarMatesOf(viewer.id)})`),
      ),
    )
    .orderBy(desc(referrals.id))
    .limit(REFERRALS_PAGE_SIZE + 1)
    .offset((page - 1) * REFERRALS_PAGE_SIZE)
    .all();
  return {
    routed: toListings(routed),
    mine: toListings(mine),
    open: toListings(open.slice(0, REFERRALS_PAGE_SIZE)),
    more: open.length > REFERRALS_PAGE_SIZE,
    page,
  };
}

export interface ReferralMessage {
  id: number;
  authorName: string;
  mine: boolean;
  body: string;
  createdAt: string;
}

export interface ReferralThread {
  member: { id: number; name: string; href: string | null };
  messages: ReferralMessage[];
}

export interface ReferralView {
  referral: Omit<ReferralRow, "detailsMd" | "createdAt" | "placedAt" | "thanks"> & { createdAt: string; placedAt: string | null; thanks: string | null };
  requester: { name: string; href: string | null };
  placedWith: { name: string; href: string | null } | null;
  isRequester: boolean;
  routedToMe: boolean;
  /** "hidden" when moderators hid it and the viewer sees it only as its requester or staff. */
  moderation: "hidden" | "removed" | null;
  /** The requester sees every conversation; a member only their own (empty until they write). */
  threads: ReferralThread[];
}

export function referralForViewer({ viewer, id }: { viewer: Viewer; id: number }): ReferralView | null {
  if (!canSee(viewer, { kind: "referral", id })) return null;
  const r = db().select().from(referrals).where(eq(referrals.id, id)).get();
  if (!r) return null;
  const isRequester = r.requesterId === viewer.id;
  const replies = db()
    .select()
    .from(referralReplies)
    .where(isRequester ? eq(referralReplies.referralId, id) : and(eq(referralReplies.referralId, id), eq(referralReplies.memberId, viewer.id)))
    .orderBy(referralReplies.id)
    .all();
  const names = memberNames([r.requesterId ?? 0, r.placedWithId ?? 0, ...replies.flatMap((m) => [m.memberId, m.authorId ?? 0])]);
  const nameOf = (uid: number | null) => {
    const n = uid ? names.get(uid) : undefined;
    return { name: n?.name ?? "Former member", href: n?.href ?? null };
  };
  const threads = new Map<number, ReferralThread>();
  for (const m of replies) {
    let t = threads.get(m.memberId);
    if (!t) threads.set(m.memberId, (t = { member: { id: m.memberId, ...nameOf(m.memberId) }, messages: [] }));
    t.messages.push({ id: m.id, authorName: nameOf(m.authorId).name, mine: m.authorId === viewer.id, body: m.body, createdAt: m.createdAt.toISOString() });
  }
  const routedToMe = Boolean(
    db()
      .select({ u: referralRoutes.userId })
      .from(referralRoutes)
      .where(and(eq(referralRoutes.referralId, id), eq(referralRoutes.userId, viewer.id)))
      .get(),
  );
  const { detailsMd: _d, createdAt, placedAt, thanks, ...rest } = r;
  // The thanks is between the two of them until it shows on the member's profile (where they decide who sees it).
  const seesThanks = isRequester || r.placedWithId === viewer.id;
  return {
    referral: { ...rest, createdAt: createdAt.toISOString(), placedAt: placedAt?.toISOString() ?? null, thanks: seesThanks ? thanks : null },
    requester: nameOf(r.requesterId),
    placedWith: r.placedWithId && (seesThanks || viewer.role === "admin") ? nameOf(r.placedWithId) : null,
    isRequester,
    routedToMe,
    moderation: hiddenNoticeFor({ kind: "referral", id }),
    threads: [...threads.values()],
  };
}

export interface ReferralThanks {
  from: { name: string; href: string | null };
  practiceArea: string;
  jurisdiction: string;
  thanks: string;
  placedAt: string;
}

/**
 * The thanks a member received for referrals they took. Call it only when profileFor said the viewer may see them
 * (VisibleProfile.showsReferralThanks): the member decides who sees this part of their profile.
 */
export function referralThanksFor({ memberId, limit = 10 }: { memberId: number; limit?: number }): ReferralThanks[] {
  const rows = db()
    .select({ requesterId: referrals.requesterId, practiceArea: referrals.practiceArea, jurisdiction: referrals.jurisdiction, thanks: referrals.thanks, placedAt: referrals.placedAt })
    .from(referrals)
    .where(and(eq(referrals.placedWithId, memberId), eq(referrals.status, "placed"), sql`${referrals.thanks} <> ''`))
    .orderBy(desc(referrals.placedAt))
    .limit(limit)
    .all();
  const names = memberNames(rows.map((r) => r.requesterId ?? 0));
  return rows.map((r) => {
    const n = r.requesterId ? names.get(r.requesterId) : undefined;
    return {
      from: { name: n?.name ?? "Former member", href: n?.href ?? null },
      practiceArea: r.practiceArea,
      jurisdiction: r.jurisdiction,
      thanks: r.thanks,
      placedAt: (r.placedAt ?? new Date(0)).toISOString(),
    };
  });
}
