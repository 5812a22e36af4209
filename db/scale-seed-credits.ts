// Issue #17 for `npm run seed:scale`: CLE credits on every session of the benchmark's seminars (New York and
// California), attendance from a meeting platform's report for each attendee of the sessions already held (most in
// full, some in part, some absent), attendance codes the instructors revealed, certificates for seminars that are
// over (statement JSON exactly as app/models/certificates.server.ts writes it), and for the bench members a compliance
// period per jurisdiction and a self-reported course, so their ledger is a full page. Its own seeded randomness keeps
// the rest of the scale seed's sequence unchanged. Certificate files of self-reported courses are not written.
import type Database from "better-sqlite3";
import { createHash } from "node:crypto";

const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const DAY = 86_400_000;
const GRACE_MINUTES = 5;

export function seedCredits(c: Database.Database, { benchIds, now, log }: { benchIds: number[]; now: number; log: (msg: string) => void }) {
  let seed = 0x17c1e;
  const rand = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const code = (n: number) => Array.from({ length: n }, () => CODE_ALPHABET[Math.floor(rand() * CODE_ALPHABET.length)]).join("");
  const cats = new Map(
    (c.prepare(`SELECT c.id, j.code || ' ' || c.name AS k, j.name AS j, c.name AS name, j.step_hundredths AS step, j.allows_partial AS partial
        FROM credit_categories c JOIN credit_jurisdictions j ON j.id = c.jurisdiction_id`).all() as { id: number; k: string; j: string; name: string; step: number; partial: number }[]).map((r) => [r.k, r]),
  );
  const cat = (k: string) => {
    const r = cats.get(k);
    if (!r) throw new Error(`credit category ${k} is not seeded (db/migrations-extra/0017)`);
    return r;
  };
  // Two ways a 90-minute session is accredited: all practice, or practice plus ethics.
  const PLANS = [
    [[cat("NY Areas of Professional Practice"), 150], [cat("CA General"), 150]],
    [[cat("NY Areas of Professional Practice"), 100], [cat("NY Ethics and Professionalism"), 50], [cat("CA General"), 100], [cat("CA Legal Ethics"), 50]],
    [[cat("NY Skills"), 150], [cat("CA General"), 125], [cat("CA Competence Issues"), 25]],
  ] as const;
  const provider = c.prepare("SELECT institute_name AS i, signatory_name AS n, signatory_title AS t FROM credit_provider WHERE id = 1").get() as { i: string; n: string; t: string };
  const seminars = c.prepare("SELECT id, title, starts_at AS s, ends_at AS e, time_zone AS z FROM seminars ORDER BY id").all() as { id: number; title: string; s: number; e: number; z: string }[];
  const sessionsOf = c.prepare("SELECT id, title, starts_at AS s, ends_at AS e FROM seminar_sessions WHERE seminar_id = ? ORDER BY starts_at, id");
  const attendeesOf = c.prepare("SELECT user_id AS u FROM memberships WHERE seminar_id = ? AND role = 'attendee'");
  const nameOf = c.prepare("SELECT name FROM users WHERE id = ?");
  const insCredit = c.prepare("INSERT INTO session_credits (session_id, category_id, hundredths, course_number) VALUES (?, ?, ?, ?)");
  const insCode = c.prepare("INSERT INTO attendance_codes (session_id, code, created_by_id, created_at, expires_at) VALUES (?, ?, NULL, ?, ?)");
  const insAttendance = c.prepare("INSERT INTO attendance (session_id, user_id, imported_minutes, updated_at) VALUES (?, ?, ?, ?)");
  const insCertificate = c.prepare("INSERT INTO certificates (code, seminar_id, user_id, statement, status, issued_at) VALUES (?, ?, ?, ?, 'valid', ?)");
  const bench = new Set(benchIds);
  let attendanceRows = 0;
  let certificateRows = 0;
  log("CLE credits, attendance and certificates");
  c.transaction(() => {
    for (const s of seminars) {
      const sessions = (sessionsOf.all(s.id) as { id: number; title: string; s: number; e: number }[]).map((x) => {
        const plan = PLANS[Math.floor(rand() * PLANS.length)]!;
        for (const [k, h] of plan) insCredit.run(x.id, k.id, h, k.j === "New York" ? `NY-${new Date(s.s).getUTCFullYear()}-${x.id}` : "");
        return { ...x, minutes: Math.round((x.e - x.s) / 60_000), plan };
      });
      const held = sessions.filter((x) => x.s < now);
      for (const x of held) for (let k = 0; k < 2; k++) insCode.run(x.id, code(6), x.s + k * 40 * 60_000, x.s + k * 40 * 60_000 + 10 * 60_000);
      const over = s.e < now - 2 * DAY;
      for (const { u } of attendeesOf.all(s.id) as { u: number }[]) {
        const earned: { session: (typeof sessions)[number]; minutes: number; lines: { k: (typeof PLANS)[number][number][0]; h: number }[] }[] = [];
        for (const x of held) {
          const r = bench.has(u) ? 0 : rand();
          const minutes = r < 0.8 ? x.minutes : r < 0.9 ? Math.floor(x.minutes * (0.3 + rand() * 0.6)) : 0;
          if (!minutes) continue;
          insAttendance.run(x.id, u, minutes, x.e);
          attendanceRows++;
          const lines = x.plan.map(([k, h]) => {
            if (minutes >= x.minutes - GRACE_MINUTES) return { k, h };
            return { k, h: k.partial ? Math.floor((h * minutes) / x.minutes / k.step) * k.step : 0 };
          });
          if (lines.some((l) => l.h > 0)) earned.push({ session: x, minutes, lines: lines.filter((l) => l.h > 0) });
        }
        if (!over || !earned.length) continue;
        const totals = new Map<string, { jurisdiction: string; category: string; credits: number }>();
        for (const e of earned) {
          for (const l of e.lines) {
            const t = totals.get(l.k.k) ?? { jurisdiction: l.k.j, category: l.k.name, credits: 0 };
            t.credits += l.h;
            totals.set(l.k.k, t);
          }
        }
        const statement = {
          member: (nameOf.get(u) as { name: string }).name,
          barNumbers: [],
          seminar: { title: s.title, startsAt: new Date(s.s).toISOString(), endsAt: new Date(s.e).toISOString(), timeZone: s.z },
          sessions: earned.map((e) => ({
            title: e.session.title,
            startsAt: new Date(e.session.s).toISOString(),
            minutes: e.minutes,
            credits: e.lines.map((l) => ({ jurisdiction: l.k.j, category: l.k.name, credits: l.h, courseNumber: l.k.j === "New York" ? `NY-${new Date(s.s).getUTCFullYear()}-${e.session.id}` : "" })),
          })),
          totals: [...totals.values()],
          institute: provider.i,
          signatory: { name: provider.n, title: provider.t },
        };
        insCertificate.run(code(16), s.id, u, JSON.stringify(statement), s.e + DAY);
        certificateRows++;
      }
    }
    // Bench members: a New York and a California period running now, and a course taken elsewhere.
    const jid = (code: string) => (c.prepare("SELECT id FROM credit_jurisdictions WHERE code = ?").get(code) as { id: number }).id;
    const insPeriod = c.prepare("INSERT INTO credit_compliance_periods (user_id, jurisdiction_id, starts_on, ends_on) VALUES (?, ?, ?, ?)");
    const insExternal = c.prepare(`INSERT INTO external_credits (user_id, title, provider, completed_on, course_number, stored_name, file_name, content_type, size_bytes, created_at)
        VALUES (?, 'Ethics for Litigators', 'State Bar Association', ?, '', ?, 'certificate.pdf', 'application/pdf', 48213, ?)`);
    const insExternalLine = c.prepare("INSERT INTO external_credit_lines (external_credit_id, category_id, hundredths) VALUES (?, ?, ?)");
    const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);
    for (const u of benchIds) {
      insPeriod.run(u, jid("NY"), dayOf(now - 400 * DAY), dayOf(now + 329 * DAY));
      insPeriod.run(u, jid("CA"), dayOf(now - 700 * DAY), dayOf(now + 395 * DAY));
      const stored = createHash("sha256").update(`external:${u}`).digest("hex").slice(0, 32);
      const id = Number(insExternal.run(u, dayOf(now - 60 * DAY), stored, now - 59 * DAY).lastInsertRowid);
      insExternalLine.run(id, cat("NY Ethics and Professionalism").id, 300);
      insExternalLine.run(id, cat("CA Legal Ethics").id, 300);
    }
  })();
  log(`${attendanceRows.toLocaleString("en-US")} attendance records, ${certificateRows.toLocaleString("en-US")} certificates`);
}
