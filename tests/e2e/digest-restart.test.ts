// Issue #15, "a restart mid-run must not double-send or skip", with a real process kill: the built server runs its
// digest task at boot in small, spaced batches (DIGEST_BATCH_SIZE / DIGEST_BATCH_PAUSE_MS), is killed with SIGKILL
// right after its first batch is committed, and is started again on the same database. Every member then receives
// exactly one daily digest over the loopback SMTP server; one of them follows the digest's link in the browser, signs
// in and reads the post it told them about.
//
// While the first process runs, its SMTP server is a "black hole" (accepts connections, never answers), so no mail
// can be accepted and then lost with the process: mail claimed by the killed process waits for its claim to lapse
// (five minutes), which the test moves forward instead of waiting.
import net from "node:net";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashOnce } from "../../db/factories";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";
import { freshDatabase } from "../helpers/template-db";

const MEMBERS = 12;
const BATCH = 2;
const PASSWORD = "a long enough password 1";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!hasBrowser)("the daily digest across a killed server", () => {
  let smtp: TestSmtp;
  let blackhole: net.Server;
  const sockets = new Set<net.Socket>();
  const servers: TestServer[] = [];
  let sqlite: Database.Database;
  let fresh: { file: string; uploads: string };

  beforeAll(async () => {
    smtp = await startSmtpServer();
    blackhole = net.createServer((s) => {
      sockets.add(s);
      s.on("error", () => undefined);
      s.on("close", () => sockets.delete(s));
    });
    await new Promise<void>((r) => blackhole.listen(0, "127.0.0.1", () => r()));
    fresh = freshDatabase(process.env.COLLOQUY_TEMPLATE_DB!, "digest-restart");
    sqlite = new Database(fresh.file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("busy_timeout = 5000");
  });
  afterAll(async () => {
    for (const s of servers) await s.stop();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => blackhole.close(() => r()));
    sqlite?.close();
    await smtp.stop();
  });

  it("reaches every member exactly once after a SIGKILL between batches", { timeout: 120_000 }, async () => {
    const now = Date.now();
    // A seminar with a published post; each member was told of a reply to it and chose replies in the daily digest.
    const seminarId = Number(
      sqlite
        .prepare(
          `insert into seminars (slug, title, summary, starts_at, ends_at, time_zone) values ('restart-law', 'Restart Law', 'x', ?, ?, 'UTC')`,
        )
        .run(now - 86400_000, now + 86400_000).lastInsertRowid,
    );
    const postId = Number(
      sqlite
        .prepare(
          `insert into blog_posts (seminar_id, title, body_md, body_html, status, published_at, updated_at) values (?, 'Forum clauses', 'x', '<p>x</p>', 'published', ?, ?)`,
        )
        .run(seminarId, now - 3 * 3600_000, now - 3 * 3600_000).lastInsertRowid,
    );
    const emails: string[] = [];
    const passwordHash = await hashOnce(PASSWORD);
    for (let i = 0; i < MEMBERS; i++) {
      const email = `member${String(i).padStart(2, "0")}@example.com`;
      emails.push(email);
      const userId = Number(sqlite.prepare(`insert into users (email, name, password_hash, created_at) values (?, ?, ?, ?)`).run(email, `Member ${i}`, passwordHash, now - 86400_000).lastInsertRowid);
      sqlite.prepare(`insert into memberships (seminar_id, user_id, role) values (?, ?, 'attendee')`).run(seminarId, userId);
      sqlite.prepare(`insert into mail_choices (user_id, topic, choice) values (?, 'replies', 'daily')`).run(userId);
      sqlite
        .prepare(
          `insert into notifications (user_id, event, topic, ref_kind, ref_id, summary, delivery, created_at) values (?, 'comment.posted', 'replies', 'post', ?, 'Ada replied to you on “Forum clauses”', 'daily', ?)`,
        )
        .run(userId, postId, now - 3600_000);
      // Their morning has come: the daily digest is due, covering the last two hours.
      sqlite.prepare(`insert into digest_state (user_id, cadence, covered_until, next_due_at) values (?, 'daily', ?, ?)`).run(userId, now - 2 * 3600_000, now - 60_000);
    }
    const queued = sqlite.prepare(`select count(*) as n from outbox where kind = 'digest-daily'`);
    const count = () => (queued.get() as { n: number }).n;

    // First life: batches of two, half a second apart. Killed as soon as the first batch is committed.
    const blackholePort = (blackhole.address() as net.AddressInfo).port;
    const first = await startTestServer({
      database: fresh,
      env: { SMTP_URL: `smtp://127.0.0.1:${blackholePort}`, DIGEST_BATCH_SIZE: String(BATCH), DIGEST_BATCH_PAUSE_MS: "700" },
    });
    servers.push(first);
    const deadline = Date.now() + 20_000;
    while (count() < BATCH && Date.now() < deadline) await sleep(10);
    process.kill(first.pid, "SIGKILL");
    while (!first.exit()) await sleep(10);
    expect(first.exit()!.signal).toBe("SIGKILL");
    const beforeRestart = count();
    // Killed mid-run: the first batch was queued, not all of them.
    expect(beforeRestart).toBeGreaterThanOrEqual(BATCH);
    expect(beforeRestart).toBeLessThan(MEMBERS);
    expect(smtp.messages).toEqual([]);

    // The killed process's claims on its mail lapse after five minutes; move that time forward.
    sqlite.prepare(`update outbox set next_attempt_at = ? where status = 'sending'`).run(Date.now() - 1);

    // Second life, on the same database, with the real SMTP server.
    const second = await startTestServer({ database: fresh, env: { SMTP_URL: smtp.url, DIGEST_BATCH_SIZE: String(BATCH) } });
    servers.push(second);
    const daily = () => smtp.messages.filter((m) => m.subject.startsWith("Your daily Colloquy digest"));
    const until = Date.now() + 25_000;
    while (daily().length < MEMBERS && Date.now() < until) await sleep(50);
    // A little longer: a second copy of anything would arrive now.
    await sleep(1500);

    expect(daily().map((m) => m.to).sort()).toEqual(emails);
    expect(count()).toBe(MEMBERS);
    expect(daily()[0]!.text).toContain("Ada replied to you on “Forum clauses”");

    // A member follows the digest's link, signs in on the way, and reads the post it told them about.
    const mail = daily().find((m) => m.to === emails[0])!;
    const link = mail.links.find((l) => l.includes(`/blog/${postId}`));
    expect(link, mail.links.join("\n")).toBeTruthy();
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(link!.replace(/^http:\/\/[^/]+/, second.url));
      await page.getByLabel("Email").fill(emails[0]!);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { name: "Forum clauses" }).waitFor();
      expect(new URL(page.url()).pathname).toContain(`/blog/${postId}`);
    } finally {
      await browser.close();
    }
    await second.stop();
    const periods = sqlite.prepare(`select count(distinct last_period) as p, count(*) as n from digest_state where cadence = 'daily' and last_period is not null`).get() as { p: number; n: number };
    expect(periods).toEqual({ p: 1, n: MEMBERS });
  });
});
