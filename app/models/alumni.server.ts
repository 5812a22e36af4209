// Issue #16: after a seminar ends, each alumnus gets one "next seminars" mail with the seminars recommended for them,
// following their "Next seminars" mail choice. The alumni_mailings primary key (seminar, member) is written in the same
// transaction as the outbox row, so a member is mailed exactly once per seminar however often the task runs.
import { and, eq, gt, isNull, lte } from "drizzle-orm";
import { alumniMailings, seminars } from "../../db/schema";
import { enqueueMail, renderEmail } from "~/services/mail.server";
import { formatDateRange } from "~/utils/dates";
import { env } from "~/utils/env.server";
import { nextSeminarsFor } from "./catalogue.server";
import { db, writeTransaction } from "./db.server";
import { mailChoice, mailsAtAll } from "./preferences.server";

/** Seminars that ended within this window are mailed; older ones (before this feature existed) are left alone. */
const WINDOW_MS = 14 * 86400_000;

export function sendAlumniMailings({ now = new Date() }: { now?: Date } = {}): number {
  let sent = 0;
  const due = db()
    .select()
    .from(seminars)
    .where(and(isNull(seminars.alumniMailedAt), lte(seminars.endsAt, now), gt(seminars.endsAt, new Date(now.getTime() - WINDOW_MS))))
    .limit(20)
    .all();
  for (const s of due) {
    writeTransaction((tx) => {
      const people = tx.$client
        .prepare(
          `select u.id, u.name, u.email from memberships m join users u on u.id = m.user_id
           where m.seminar_id = ? and m.role = 'attendee' and u.status = 'active'
             and not exists (select 1 from alumni_mailings a where a.seminar_id = m.seminar_id and a.user_id = m.user_id)`
        )
        .all(s.id) as { id: number; name: string; email: string }[];
      for (const p of people) {
        // Recorded even when nothing is mailed (choice "never", nothing upcoming): the decision is made once.
        tx.insert(alumniMailings).values({ seminarId: s.id, userId: p.id }).onConflictDoNothing().run();
        if (!mailsAtAll(mailChoice({ userId: p.id, topic: "seminars" }))) continue;
        const next = nextSeminarsFor({ userId: p.id, limit: 3, now });
        if (!next.length) continue;
        const base = env().APP_URL;
        const list = next
          .map(
            (n) => `• ${n.title} (${formatDateRange(n.startsAt, n.endsAt, n.timeZone)})\n  ${base}/catalogue/${encodeURIComponent(n.slug)}`
          )
          .join("\n\n");
        const mail = renderEmail("next-seminars", {
          name: p.name,
          seminar: s.title,
          list,
          link: `${base}/catalogue`,
        });
        enqueueMail(tx, { to: p.email, ...mail, kind: "next-seminars", unsubscribe: { userId: p.id, kind: "seminars" } });
        sent++;
      }
      tx.update(seminars).set({ alumniMailedAt: now }).where(eq(seminars.id, s.id)).run();
    });
  }
  return sent;
}
