// Issue #19: a small institute with known history for the analytics tests, and the figures computed from its raw
// rows (users, member_daily_counts, invitations, profiles) without the app's analytics code, to compare with the pages.
import type Database from "better-sqlite3";

export const DAY = 86_400_000;
export const dayOf = (i: number) => new Date(i * DAY).toISOString().slice(0, 10);
const monthOfIndex = (i: number) => dayOf(i).slice(0, 7);
const monday = (i: number) => i - ((((i + 3) % 7) + 7) % 7);

export interface Seeded {
  today: number;
  memberIds: number[];
  inviterId: number;
}

/**
 * 10 founding members 90 days ago, then 0–3 new members a day for 60 days; each member is active on about a fifth of
 * the days since they joined (visits, and now and then a question asked the same day); eight invitations from one
 * member with known outcomes.
 */
export function seedAnalyticsHistory(sqlite: Database.Database, { now = Date.now(), passwordHash }: { now?: number; passwordHash: string }): Seeded {
  const today = Math.floor(now / DAY);
  const insUser = sqlite.prepare("INSERT INTO users (email, name, role, password_hash, status, created_at) VALUES (?, ?, 'member', ?, 'active', ?)");
  const insCount = sqlite.prepare(
    "INSERT INTO member_daily_counts (day, user_id, counter, seminar_id, n) VALUES (?, ?, ?, 0, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
  );
  const memberIds: number[] = [];
  let inviterId = 0;
  sqlite.transaction(() => {
    const joins: number[] = [];
    for (let k = 0; k < 10; k++) joins.push(today - 90);
    for (let k = 0; k < 60; k++) for (let j = 0; j < (k * 7) % 4; j++) joins.push(today - 60 + k);
    joins.forEach((day, n) => {
      const id = Number(insUser.run(`history${n}@analytics.test`, `History Member ${n}`, passwordHash, day * DAY + 3_600_000 * (n % 20)).lastInsertRowid);
      memberIds.push(id);
      for (let d = day; d < today; d++) {
        if ((n * 31 + d) % 5 !== 0) continue;
        insCount.run(dayOf(d), id, "visit", 1 + (n % 3));
        if ((n + d) % 7 === 0) insCount.run(dayOf(d), id, "question.asked", 1);
      }
    });
    inviterId = memberIds[0]!;
    const insInv = sqlite.prepare(
      `INSERT INTO invitations (token_hash, kind, email, source, invited_by_id, expires_at, created_at, opened_at, accepted_at, accepted_user_id)
       VALUES (?, 'email', ?, 'member', ?, ?, ?, ?, ?, ?)`,
    );
    // 8 sent 20 days ago: 6 opened, 4 accepted (by the members who joined that day or later), 2 of them with a finished
    // profile, and whichever of the 4 were active in their first 30 days.
    const sentAt = (today - 20) * DAY + 3_600_000;
    const late = memberIds.filter((_, n) => joins[n]! >= today - 20).slice(0, 4);
    for (let k = 0; k < 8; k++) {
      const accepted = k < 4 ? late[k]! : null;
      insInv.run(`hash-${k}`, `invitee${k}@analytics.test`, inviterId, sentAt + 30 * DAY, sentAt, k < 6 ? sentAt + 60_000 : null, accepted ? sentAt + 120_000 : null, accepted);
      if (accepted && k < 2) sqlite.prepare("UPDATE profiles SET onboarding_completed_at = ? WHERE user_id = ?").run(sentAt + 200_000, accepted);
    }
  })();
  return { today, memberIds, inviterId };
}

type Q = Database.Database;
const accounts = (d: Q) => d.prepare("SELECT id, created_at AS at FROM users WHERE status != 'deleted'").all() as { id: number; at: number }[];
const activeOn = (d: Q) => d.prepare("SELECT DISTINCT day, user_id AS u FROM member_daily_counts").all() as { day: string; u: number }[];

/** Daily growth rate of a day (new members ÷ members at the end of the day before, %) and its 7-day mean. */
export function expectedGrowth(d: Q, dayIdx: number) {
  const all = accounts(d);
  const rate = (i: number) => {
    const before = all.filter((a) => a.at < i * DAY).length;
    const fresh = all.filter((a) => a.at >= i * DAY && a.at < (i + 1) * DAY).length;
    return before ? (fresh / before) * 100 : null;
  };
  const week = [0, 1, 2, 3, 4, 5, 6].map((k) => rate(dayIdx - k)).filter((r): r is number => r !== null);
  return {
    members: all.filter((a) => a.at < (dayIdx + 1) * DAY).length,
    newMembers: all.filter((a) => a.at >= dayIdx * DAY && a.at < (dayIdx + 1) * DAY).length,
    rate: rate(dayIdx),
    avg7: week.reduce((a, b) => a + b, 0) / week.length,
  };
}

/** Of the members active in the week starting on `weekStart` (a Monday), the share active again the next week. */
export function expectedWeeklyReturn(d: Q, weekStart: number) {
  const rows = activeOn(d);
  const inWeek = (w: number) => new Set(rows.filter((r) => monday(Math.floor(Date.parse(`${r.day}T00:00:00Z`) / DAY)) === w).map((r) => r.u));
  const a = inWeek(weekStart);
  const b = inWeek(weekStart + 7);
  const returned = [...a].filter((u) => b.has(u)).length;
  return { active: a.size, returned, rate: a.size ? (returned / a.size) * 100 : 0 };
}

export const mondayOf = monday;

/** Members who joined in `cohort` (YYYY-MM) and of them how many were active `k` months later. */
export function expectedCohortCell(d: Q, cohort: string, k: number) {
  const members = accounts(d).filter((a) => monthOfIndex(Math.floor(a.at / DAY)) === cohort);
  const [y, m] = cohort.split("-").map(Number);
  const target = new Date(Date.UTC(y!, m! - 1 + k, 1)).toISOString().slice(0, 7);
  const ids = new Set(members.map((a) => a.id));
  const active = new Set(activeOn(d).filter((r) => r.day.startsWith(target) && ids.has(r.u)).map((r) => r.u));
  return { size: members.length, active: active.size };
}

/** Members active on a day, and in the 7 and 30 days to it. */
export function expectedActive(d: Q, dayIdx: number) {
  const rows = activeOn(d).map((r) => ({ i: Math.floor(Date.parse(`${r.day}T00:00:00Z`) / DAY), u: r.u }));
  const within = (n: number) => new Set(rows.filter((r) => r.i <= dayIdx && r.i > dayIdx - n).map((r) => r.u)).size;
  return { dau: within(1), wau: within(7), mau: within(30) };
}

/** The member invitations' funnel, counted from the rows. */
export function expectedFunnel(d: Q) {
  const rows = d
    .prepare(
      `SELECT i.opened_at AS opened, i.accepted_at AS accepted, i.accepted_user_id AS u, p.onboarding_completed_at AS done
       FROM invitations i LEFT JOIN profiles p ON p.user_id = i.accepted_user_id WHERE i.kind = 'email' AND i.source = 'member'`,
    )
    .all() as { opened: number | null; accepted: number | null; u: number | null; done: number | null }[];
  const act = activeOn(d);
  const sent = rows.length;
  const accepted = rows.filter((r) => r.accepted !== null);
  const active = accepted.filter((r) => {
    const from = Math.floor(r.accepted! / DAY);
    return act.some((a) => a.u === r.u && Date.parse(`${a.day}T00:00:00Z`) / DAY >= from && Date.parse(`${a.day}T00:00:00Z`) / DAY <= from + 29);
  }).length;
  return {
    sent,
    opened: rows.filter((r) => r.opened !== null || r.accepted !== null).length,
    accepted: accepted.length,
    profiled: accepted.filter((r) => r.done !== null).length,
    active,
    acceptedRate: (accepted.length / sent) * 100,
  };
}
