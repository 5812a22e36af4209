// "Your data" (issue #4) for the careers (issue #18) and direct messages (issue #15): readable sections beside the
// raw rows account-data.server.ts finds by foreign key. Those raw rows hold only what the member wrote (author_id);
// here also what they received: the applications to their postings, both sides of their referral conversations, and
// every message of a conversation they are part of. Never a conversation they are not in, never a message sent
// after they left it, from a member they blocked, or that the moderators hid or removed (unless they wrote it).
import { sql } from "drizzle-orm";
import { db } from "./db.server";
import { memberNames } from "./profile.server";

type Row = Record<string, unknown>;
const iso = (ms: unknown) => (typeof ms === "number" ? new Date(ms).toISOString() : null);

function nameOf(names: Map<number, { name: string }>, id: unknown): string {
  return (typeof id === "number" && names.get(id)?.name) || "Former member";
}

export function careersExport(userId: number) {
  const d = db();
  const postings = d.all<Row>(sql`select id, title, organisation, location, remote, seniority, employment_type as employmentType,
    apply_mode as applyMode, apply_url as applyUrl, apply_email as applyEmail, description_md as description, status,
    closes_at as closesAt, created_at as createdAt, closed_at as closedAt from job_postings where poster_id = ${userId} order by id`);
  const postingIds = JSON.stringify(postings.map((p) => p.id));
  const tags = d.all<{ jobId: number; kind: string; value: string }>(
    sql`select job_id as jobId, kind, value from job_tags where job_id in (select value from json_each(${postingIds}))`
  );
  const received = d.all<Row>(sql`select job_id as jobId, user_id as userId, note, share_profile as shareProfile, created_at as createdAt
    from job_applications where job_id in (select value from json_each(${postingIds})) order by id`);
  const applications = d.all<Row>(sql`select a.job_id as jobId, j.title, j.organisation, a.note, a.share_profile as shareProfile,
    a.created_at as createdAt from job_applications a join job_postings j on j.id = a.job_id where a.user_id = ${userId} order by a.id`);
  const saved = d.all<Row>(sql`select s.job_id as jobId, j.title, j.organisation, s.created_at as savedAt
    from saved_jobs s join job_postings j on j.id = s.job_id where s.user_id = ${userId} order by s.created_at`);
  const requests = d.all<Row>(sql`select id, title, details_md as details, practice_area as practiceArea, jurisdiction, urgency,
    share_beyond_seminars as shareBeyondSeminars, status, placed_with_id as placedWithId, thanks, created_at as createdAt,
    placed_at as placedAt from referrals where requester_id = ${userId} order by id`);
  // Both sides of every referral conversation the member is in: on their own requests, and as the member answering.
  const replies = d.all<Row>(sql`select r.referral_id as referralId, r.member_id as memberId, r.author_id as authorId, r.body,
    r.created_at as createdAt from referral_replies r join referrals q on q.id = r.referral_id
    where q.requester_id = ${userId} or r.member_id = ${userId} order by r.id`);
  const answered = d.all<Row>(sql`select id, title, requester_id as requesterId, practice_area as practiceArea, jurisdiction, status,
    case when placed_with_id = ${userId} then thanks else '' end as thanksToYou
    from referrals where id in (select referral_id from referral_replies where member_id = ${userId}) order by id`);
  const routed = d.all<Row>(sql`select r.referral_id as referralId, q.title, r.created_at as routedAt from referral_routes r
    join referrals q on q.id = r.referral_id where r.user_id = ${userId} order by r.created_at`);
  const names = memberNames([
    ...received.map((r) => r.userId as number),
    ...requests.map((r) => (r.placedWithId as number) ?? 0),
    ...replies.flatMap((r) => [r.memberId as number, (r.authorId as number) ?? 0]),
    ...answered.map((r) => (r.requesterId as number) ?? 0),
  ]);
  const thread = (referralId: unknown, memberId: unknown) =>
    replies
      .filter((r) => r.referralId === referralId && r.memberId === memberId)
      .map((r) => ({
        from: r.authorId === userId ? "you" : nameOf(names, r.authorId),
        body: r.body,
        sentAt: iso(r.createdAt),
      }));
  return {
    jobPostings: postings.map((p) => ({
      ...p,
      closesAt: iso(p.closesAt),
      createdAt: iso(p.createdAt),
      closedAt: iso(p.closedAt),
      practiceAreas: tags.filter((t) => t.jobId === p.id && t.kind === "area").map((t) => t.value),
      jurisdictions: tags.filter((t) => t.jobId === p.id && t.kind === "jurisdiction").map((t) => t.value),
      applicationsReceived: received
        .filter((a) => a.jobId === p.id)
        .map((a) => ({
          applicant: nameOf(names, a.userId),
          note: a.note,
          sharedProfile: Boolean(a.shareProfile),
          appliedAt: iso(a.createdAt),
        })),
    })),
    jobApplications: applications.map((a) => ({
      ...a,
      shareProfile: Boolean(a.shareProfile),
      createdAt: iso(a.createdAt),
    })),
    savedJobs: saved.map((s) => ({ ...s, savedAt: iso(s.savedAt) })),
    referralRequests: requests.map(({ placedWithId, ...r }) => {
      const members = [...new Set(replies.filter((x) => x.referralId === r.id).map((x) => x.memberId))];
      return {
        ...r,
        shareBeyondSeminars: Boolean(r.shareBeyondSeminars),
        createdAt: iso(r.createdAt),
        placedAt: iso(r.placedAt),
        placedWith: placedWithId ? nameOf(names, placedWithId) : null,
        conversations: members.map((m) => ({
          with: nameOf(names, m),
          messages: thread(r.id, m),
        })),
      };
    }),
    referralsYouAnswered: answered.map(({ requesterId, ...r }) => ({
      ...r,
      requester: nameOf(names, requesterId),
      messages: thread(r.id, userId),
    })),
    referralsRoutedToYou: routed.map((r) => ({
      ...r,
      routedAt: iso(r.routedAt),
    })),
  };
}

export function messagesExport(userId: number) {
  const d = db();
  const convs = d.all<Row>(sql`select c.id, c.title, cm.joined_at as joinedAt, cm.left_at as leftAt from conversation_members cm
    join conversations c on c.id = cm.conversation_id where cm.user_id = ${userId} order by c.id`);
  const ids = JSON.stringify(convs.map((c) => c.id));
  const people = d.all<{
    conversationId: number;
    userId: number;
  }>(sql`select conversation_id as conversationId, user_id as userId
    from conversation_members where conversation_id in (select value from json_each(${ids}))`);
  const msgs = d.all<Row>(sql`select m.id, m.conversation_id as conversationId, m.author_id as authorId, m.body_md as body,
    m.attachment_name as attachment, m.created_at as createdAt
    from messages m join conversation_members cm on cm.conversation_id = m.conversation_id and cm.user_id = ${userId}
    where m.author_id = ${userId}
       or ((cm.left_at is null or m.created_at <= cm.left_at)
           and not exists (select 1 from member_blocks b where b.user_id = ${userId} and b.blocked_id = m.author_id)
           and not exists (select 1 from moderated_items mi where mi.item_kind = 'message' and mi.item_id = m.id))
    order by m.id`);
  const names = memberNames([...people.map((p) => p.userId), ...msgs.map((m) => (m.authorId as number) ?? 0)]);
  return convs.map((c) => ({
    conversation: c.id,
    title: c.title,
    with: people.filter((p) => p.conversationId === c.id && p.userId !== userId).map((p) => nameOf(names, p.userId)),
    joinedAt: iso(c.joinedAt),
    leftAt: iso(c.leftAt),
    messages: msgs
      .filter((m) => m.conversationId === c.id)
      .map((m) => ({
        from: m.authorId === userId ? "you" : nameOf(names, m.authorId),
        body: m.body,
        attachment: m.attachment,
        sentAt: iso(m.createdAt),
      })),
  }));
}
