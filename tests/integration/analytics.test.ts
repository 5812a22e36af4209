// Issue #19: staff analytics. The rollups and every page's figures against numbers computed here from the raw rows
// (growth rate, DAU/WAU/MAU, weekly return, a cohort cell, funnel conversion, a per-seminar figure); visits counted in
// batches, in members' data export and gone with their account; then over HTTP: only admins see any of it (pages,
// .data, CSV), bad ranges are explained, CSVs match the tables, and a visit buffered at shutdown is written.
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser, hashOnce } from "../../db/factories";
import * as schema from "../../db/schema";
import { exportAccountData, eraseAccount, requestDeletion } from "~/models/account-data.server";
import { invitationFunnel } from "~/models/analytics-funnel.server";
import { growthSeries, joinSources, parseRange } from "~/models/analytics-growth.server";
import { refreshAnalytics, refreshAnalyticsInBackground } from "~/models/analytics-rollup.server";
import { activeSeries, cohortTable, weeklyReturn } from "~/models/analytics-retention.server";
import { seminarStats } from "~/models/analytics-seminars.server";
import { db } from "~/models/db.server";
import { flushVisits, pendingVisits, recordVisit } from "~/models/visits.server";
import { dayOf, expectedActive, expectedCohortCell, expectedFunnel, expectedGrowth, expectedWeeklyReturn, mondayOf, seedAnalyticsHistory, type Seeded } from "../helpers/analytics-data";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
let seeded: Seeded;
let raw: Database.Database;

beforeAll(async () => {
  seeded = seedAnalyticsHistory(db().$client, { passwordHash: await hashOnce(PASSWORD) });
  refreshAnalytics({ full: true });
  raw = db().$client;
});

describe("the rollups against the raw rows", () => {
  it("members, new members and the daily growth rate with its 7-day average", () => {
    const { today } = seeded;
    const series = growthSeries({ from: dayOf(today - 40), to: dayOf(today - 1) });
    expect(series).toHaveLength(40);
    for (const d of [today - 40, today - 33, today - 21, today - 2]) {
      const want = expectedGrowth(raw, d);
      const got = series.find((g) => g.day === dayOf(d))!;
      expect(got.members).toBe(want.members);
      expect(got.newMembers).toBe(want.newMembers);
      expect(got.rate).toBeCloseTo(want.rate!, 10);
      expect(got.avg7).toBeCloseTo(want.avg7, 10);
    }
    // Nobody came through an invitation except the four member invitees.
    const sources = joinSources({ from: dayOf(today - 100), to: dayOf(today) });
    expect(sources.find((s) => s.source === "member")!.members).toBe(4);
  });

  it("daily, weekly and monthly active members and the weekly return", () => {
    const { today } = seeded;
    const active = activeSeries({ from: dayOf(today - 30), to: dayOf(today - 1) });
    for (const d of [today - 30, today - 12, today - 1]) {
      expect(active.find((a) => a.day === dayOf(d))).toEqual({ day: dayOf(d), ...expectedActive(raw, d) });
    }
    const week = mondayOf(today) - 21;
    const want = expectedWeeklyReturn(raw, week);
    expect(want.active).toBeGreaterThan(5);
    const got = weeklyReturn({ from: dayOf(week), to: dayOf(week + 6) }).find((w) => w.week === dayOf(week))!;
    expect(got).toMatchObject({ active: want.active, returned: want.returned, complete: true });
    expect(got.rate).toBeCloseTo(want.rate, 10);
  });

  it("a cohort cell: members who joined in a month and were active the month after", () => {
    const cohort = dayOf(seeded.today - 60).slice(0, 7);
    const want = expectedCohortCell(raw, cohort, 1);
    expect(want.size).toBeGreaterThan(3);
    const row = cohortTable({ fromMonth: cohort, toMonth: cohort }).find((r) => r.cohort === cohort)!;
    expect(row.size).toBe(want.size);
    expect(row.cells[1]).toBe(want.active);
    expect(row.cells[0]).toBe(expectedCohortCell(raw, cohort, 0).active);
  });

  it("an incremental refresh picks up today's activity and new members; a full rebuild agrees with it", async () => {
    const { today } = seeded;
    const before = activeSeries({ from: dayOf(today), to: dayOf(today) })[0]!;
    const fresh = await createUser(db(), { email: "today@analytics.test" });
    recordVisit(fresh.id);
    recordVisit(fresh.id);
    expect(pendingVisits()).toBe(1);
    // Nothing is written until the batch is flushed.
    expect(raw.prepare("SELECT count(*) FROM member_daily_counts WHERE user_id = ?").pluck().get(fresh.id)).toBe(0);
    expect(flushVisits()).toBe(1);
    expect(raw.prepare("SELECT n FROM member_daily_counts WHERE user_id = ? AND counter = 'visit'").pluck().get(fresh.id)).toBe(2);
    refreshAnalytics();
    const after = activeSeries({ from: dayOf(today), to: dayOf(today) })[0]!;
    expect(after.dau).toBe(before.dau + 1);
    expect(growthSeries({ from: dayOf(today), to: dayOf(today) })[0]!.newMembers).toBe(expectedGrowth(raw, today).newMembers);
    const snapshot = JSON.stringify([activeSeries({ from: dayOf(today - 80), to: dayOf(today) }), cohortTable({ fromMonth: "2000-01", toMonth: "2999-12" })]);
    refreshAnalytics({ full: true });
    expect(JSON.stringify([activeSeries({ from: dayOf(today - 80), to: dayOf(today) }), cohortTable({ fromMonth: "2000-01", toMonth: "2999-12" })])).toBe(snapshot);
    // The periodic task's refresh gives the same figures, and lets other work run while it reads (the worker that
    // runs background tasks also answers pages).
    let servedMeanwhile = 0;
    const other = setInterval(() => servedMeanwhile++, 0);
    await refreshAnalyticsInBackground();
    clearInterval(other);
    expect(servedMeanwhile).toBeGreaterThan(0);
    expect(JSON.stringify([activeSeries({ from: dayOf(today - 80), to: dayOf(today) }), cohortTable({ fromMonth: "2000-01", toMonth: "2999-12" })])).toBe(snapshot);
    // The staff's "Rebuild from all activity" button runs the full rebuild the same way: every day of activity read,
    // other work served in between (at least once per day read), the same figures at the end.
    const days = raw.prepare("SELECT count(DISTINCT day) FROM member_daily_counts").pluck().get() as number;
    let turns = 0;
    let rebuilding = true;
    const turn = () => {
      turns++;
      if (rebuilding) setImmediate(turn);
    };
    setImmediate(turn);
    await refreshAnalyticsInBackground({ full: true });
    rebuilding = false;
    expect(turns).toBeGreaterThanOrEqual(days);
    expect(JSON.stringify([activeSeries({ from: dayOf(today - 80), to: dayOf(today) }), cohortTable({ fromMonth: "2000-01", toMonth: "2999-12" })])).toBe(snapshot);
  });

  it("the invitation funnel and its conversion", () => {
    const want = expectedFunnel(raw);
    const { bySource, byInviter } = invitationFunnel({ from: dayOf(seeded.today - 30), to: dayOf(seeded.today) });
    const member = bySource.find((r) => r.key === "member")!;
    expect(member).toMatchObject({ sent: 8, opened: 6, accepted: 4, profiled: 2, active: want.active });
    expect(member).toMatchObject({ sent: want.sent, opened: want.opened, accepted: want.accepted, profiled: want.profiled });
    expect(want.acceptedRate).toBe(50);
    expect(byInviter.find((r) => r.key === String(seeded.inviterId))!.sent).toBe(8);
    // Outside the range: nothing.
    expect(invitationFunnel({ from: dayOf(seeded.today - 90), to: dayOf(seeded.today - 40) }).total.sent).toBe(0);
  });

  it("per seminar: members, downloads, wiki edits and survey response rate from the features' rows", async () => {
    const s = createSeminar(db(), { title: "Analytics Seminar", startsAt: new Date(Date.now() - 5 * 86_400_000) });
    const [a, b, c] = seeded.memberIds;
    for (const u of [a, b, c]) addMember(db(), { seminarId: s.id, userId: u!, role: "attendee" });
    const m = db().insert(schema.materials).values({ seminarId: s.id, title: "Outline" }).returning().get();
    const v = db()
      .insert(schema.materialVersions)
      .values({ materialId: m.id, version: 1, storedName: "x-analytics", fileName: "o.pdf", contentType: "application/pdf", sizeBytes: 1, sha256: "0", asOf: "2026-01-01" })
      .returning()
      .get();
    for (const u of [a, a, b]) db().insert(schema.materialDownloads).values({ materialId: m.id, versionId: v.id, userId: u! }).run();
    const survey = db().insert(schema.surveys).values({ seminarId: s.id, title: "How was it?", closesAt: new Date(), publishedAt: new Date() }).returning().get();
    db().insert(schema.surveyRespondents).values({ surveyId: survey.id, userId: a! }).run();
    const row = seminarStats({ from: dayOf(seeded.today - 10), to: dayOf(seeded.today) }).find((r) => r.id === s.id)!;
    const count = (sql: string) => raw.prepare(sql).pluck().get(s.id) as number;
    expect(row.members).toBe(count("SELECT count(*) FROM memberships WHERE seminar_id = ?"));
    expect(row.downloads).toBe(3);
    expect(row.surveyRate).toBeCloseTo((1 / 3) * 100, 0);
  });

  it("refuses bad ranges with a message", () => {
    const at = (q: string) => parseRange(new URL(`http://x/a?${q}`));
    expect(at("from=2026-13-01")).toMatchObject({ ok: false, message: expect.stringMatching(/not a date/) });
    expect(at("to=tomorrow")).toMatchObject({ ok: false, message: expect.stringMatching(/not a date/) });
    expect(at("from=2026-02-30")).toMatchObject({ ok: false, message: expect.stringMatching(/not a date/) });
    expect(at("from=2026-03-01&to=2026-02-01")).toMatchObject({ ok: false, message: expect.stringMatching(/starts .* after it ends/) });
    expect(at("from=2000-01-01&to=2026-01-01")).toMatchObject({ ok: false, message: expect.stringMatching(/at most/) });
    expect(at("from=2026-01-01&to=2026-01-31")).toMatchObject({ ok: true, range: { days: 31 } });
  });
});

describe("members' own activity rows", () => {
  it("are in the member's data export and go with the account", async () => {
    const admin = await createUser(db(), { email: "eraser@analytics.test", role: "admin" });
    const leaving = seeded.memberIds[5]!;
    const rows = raw.prepare("SELECT count(*) FROM member_daily_counts WHERE user_id = ?").pluck().get(leaving) as number;
    expect(rows).toBeGreaterThan(0);
    const exported = exportAccountData({ userId: leaving })!;
    expect(exported.records.member_daily_counts).toHaveLength(rows);
    expect(exported.records.member_daily_counts![0]).toMatchObject({ counter: expect.any(String), day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const requestId = requestDeletion({ userId: leaving, reason: "", origin: "http://x" });
    recordVisit(leaving); // a page view buffered just before the erasure
    expect(eraseAccount({ requestId, adminId: admin.id })).toMatchObject({ ok: true });
    flushVisits();
    expect(raw.prepare("SELECT count(*) FROM member_daily_counts WHERE user_id = ?").pluck().get(leaving)).toBe(0);
  });
});

describe("over HTTP", () => {
  let server: TestServer;
  const clients: Record<string, Client> = {};
  beforeAll(async () => {
    server = await startTestServer({ label: "analytics" });
    const sqlite = (server.db as unknown as { $client: Database.Database }).$client;
    const hash = await hashOnce(PASSWORD);
    seedAnalyticsHistory(sqlite, { passwordHash: hash });
    const add = (email: string, role: string) =>
      Number(sqlite.prepare("INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, ?, ?)").run(email, email, role, hash).lastInsertRowid);
    add("admin@analytics.test", "admin");
    add("member@analytics.test", "member");
    const instructor = add("instructor@analytics.test", "member");
    const s = createSeminar(server.db, { title: "Taught" });
    addMember(server.db, { seminarId: s.id, userId: instructor, role: "instructor" });
    for (const who of ["admin", "member", "instructor"]) {
      clients[who] = new Client(server.url);
      await clients[who]!.signIn(`${who}@analytics.test`, PASSWORD);
    }
    // The rollups as the task makes them.
    expect((await clients.admin!.post("/admin/analytics?index", { intent: "rebuild" })).status).toBe(302);
  }, 90_000);
  afterAll(() => server?.stop());

  const paths = [
    "/admin/analytics",
    "/admin/analytics/growth",
    "/admin/analytics/funnel",
    "/admin/analytics/retention",
    "/admin/analytics/cohorts",
    "/admin/analytics/seminars?sort=downloads",
    "/admin/analytics/growth.data",
    "/admin/analytics/growth.csv",
    "/admin/analytics/cohorts.csv",
    "/admin/analytics/seminars.csv",
  ];

  it("is the 404 of a missing page for a member, an instructor and a visitor; admins see it", async () => {
    for (const p of paths) {
      for (const who of ["member", "instructor"]) {
        const res = await clients[who]!.get(p, { headers: { accept: "text/html" } });
        expect(res.status, `${who} ${p}`).toBe(404);
        const html = await res.text();
        // Pages answer with the site's "Page not found"; data and CSV requests with a bare 404.
        if (!/\.(csv|data)$/.test(p)) expect(html).toContain("Page not found");
        expect(html).not.toMatch(/Daily growth|Retention by monthly cohort|members at the end|Came from|Day,Members|Joined in/);
      }
      expect((await fetch(server.url + p, { redirect: "manual" })).status, p).toBe(404);
      expect((await clients.admin!.get(p)).status, p).toBe(200);
    }
    // A member cannot refresh the figures either.
    expect((await clients.member!.post("/admin/analytics?index", { intent: "refresh" })).status).toBe(404);
  });

  it("pages show the numbers; CSV downloads match; a bad range is a clear 400", async () => {
    const sqlite = (server.db as unknown as { $client: Database.Database }).$client;
    const { today } = { today: Math.floor(Date.now() / 86_400_000) };
    const d = today - 21;
    const want = expectedGrowth(sqlite, d);
    const growth = (await (await clients.admin!.get(`/admin/analytics/growth?from=${dayOf(d - 10)}&to=${dayOf(d)}`)).text()).replaceAll("<!-- -->", "");
    expect(growth).toContain(`<th scope="row">${dayOf(d)}</th><td>${want.members}</td><td>${want.newMembers}</td><td>${want.rate!.toFixed(2)}%</td><td>${want.avg7.toFixed(2)}%</td>`);
    const bytes = Buffer.from(await (await clients.admin!.get(`/admin/analytics/growth.csv?from=${dayOf(d - 10)}&to=${dayOf(d)}`)).arrayBuffer());
    // UTF-8 with a byte-order mark, so Excel reads it as UTF-8.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString("utf8");
    expect(csv).toContain(`\r\n${dayOf(d)},${want.members},${want.newMembers},${want.rate!.toFixed(2)},${want.avg7.toFixed(2)},`);
    const bad = await clients.admin!.get("/admin/analytics/growth?from=2026-13-01");
    expect(bad.status).toBe(400);
    expect((await bad.text()).replaceAll("<!-- -->", "")).toMatch(/is not a date: use YYYY-MM-DD/);
    const badCsv = await clients.admin!.get("/admin/analytics/cohorts.csv?from=2026-03-01&to=2026-01-01");
    expect(badCsv.status).toBe(400);
    expect(await badCsv.text()).toMatch(/starts \(2026-03-01\) after it ends/);
    expect((await clients.admin!.get("/admin/analytics/nonsense.csv")).status).toBe(404);
  });

  it("counts a member's page views in batches, and writes the last batch when the server stops", async () => {
    const sqlite = new Database(server.dbFile);
    const memberId = sqlite.prepare("SELECT id FROM users WHERE email = 'member@analytics.test'").pluck().get() as number;
    const visits = () => (sqlite.prepare("SELECT sum(n) FROM member_daily_counts WHERE user_id = ? AND counter = 'visit'").pluck().get(memberId) as number | null) ?? 0;
    // The member's earlier page views (the 404s above) are written in the next batch, within a few seconds.
    await new Promise((r) => setTimeout(r, 6_000));
    const before = visits();
    expect(before).toBeGreaterThan(0);
    for (const p of ["/", "/people", "/catalogue"]) expect((await clients.member!.get(p, { headers: { accept: "text/html" } })).status).toBe(200);
    // Not written while the page answers: they wait in the batch.
    expect(visits()).toBe(before);
    // An image or a live-update stream is not a page view.
    await clients.member!.get(`/people/${memberId}/photo`, { headers: { "sec-fetch-dest": "image" } });
    const result = await server.terminate();
    expect(result.code).toBe(0);
    expect(visits() - before).toBe(3);
    sqlite.close();
  });
});
