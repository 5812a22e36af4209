// Issue #18 ("market one's skills"): a member's standing in the community, shown on their profile: accepted answers,
// seminars taught and attended, referrals taken and placed. Call it only when profileFor said the viewer may see it
// (VisibleProfile.showsStanding, the member's "Your standing" choice). Each item counted or named also passes the
// spine's canSee for this viewer: an accepted answer on a question they may not read does not count, and a seminar is
// named only when it is listed in the catalogue or the viewer may see it.
import { sql } from "drizzle-orm";
import { db } from "./db.server";
import { visibleRefs, summarizeVisible, type Viewer } from "./items.server";

const MAX_SCANNED = 2000;

export interface StandingSeminar {
  title: string;
  href: string;
}

export interface CommunityStanding {
  acceptedAnswers: number;
  taught: StandingSeminar[];
  attended: StandingSeminar[];
  /** Requests other members placed with this member. */
  referralsTaken: number;
  /** Requests this member placed with a colleague. */
  referralsPlaced: number;
}

function seminarsFor(viewer: Viewer, memberId: number, role: "instructor" | "attendee"): StandingSeminar[] {
  const rows = db().all<{
    id: number;
    title: string;
    slug: string;
    listed: number;
  }>(sql`
    select s.id, s.title, s.slug, s.enrolment_policy != 'invitation' as listed from memberships m
    join seminars s on s.id = m.seminar_id
    where m.user_id = ${memberId} and m.role = ${role}
    order by s.starts_at desc limit ${MAX_SCANNED}`);
  const seen = summarizeVisible(
    viewer,
    rows.filter((r) => !r.listed).map((r) => ({ kind: "seminar" as const, id: r.id }))
  );
  const out: StandingSeminar[] = [];
  for (const r of rows) {
    if (r.listed) out.push({ title: r.title, href: `/catalogue/${r.slug}` });
    else {
      const s = seen.get(`seminar:${r.id}`);
      if (s) out.push({ title: s.title, href: s.href });
    }
  }
  return out;
}

export function communityStandingFor({ viewer, memberId }: { viewer: Viewer; memberId: number }): CommunityStanding {
  const accepted = db()
    .all<{ id: number }>(
      sql`select a.id from answers a join questions q on q.accepted_answer_id = a.id
      where a.author_id = ${memberId} order by a.id desc limit ${MAX_SCANNED}`
    )
    .map((r) => ({ kind: "answer" as const, id: r.id }));
  const referrals = db().get<{ taken: number; placed: number }>(sql`
    select (select count(*) from referrals where placed_with_id = ${memberId} and status = 'placed') as taken,
           (select count(*) from referrals where requester_id = ${memberId} and status = 'placed') as placed`)!;
  return {
    acceptedAnswers: visibleRefs(viewer, accepted).length,
    taught: seminarsFor(viewer, memberId, "instructor"),
    attended: seminarsFor(viewer, memberId, "attendee"),
    referralsTaken: referrals.taken,
    referralsPlaced: referrals.placed,
  };
}
