// Issue #19 in Chromium against the production build: an admin opens Analytics from the admin area, rebuilds the
// figures, and reads on each page numbers this test computes itself from the seeded rows (a day's growth rate and its
// 7-day average, the member invitations' conversion, a week's return, a cohort cell); downloads the cohort table as
// CSV; a member who types the address gets "Page not found".
import { parse } from "csv-parse/sync";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashOnce } from "../../db/factories";
import { dayOf, expectedCohortCell, expectedFunnel, expectedGrowth, expectedWeeklyReturn, mondayOf, seedAnalyticsHistory, type Seeded } from "../helpers/analytics-data";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";

describe.skipIf(!hasBrowser)("staff analytics in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let admin: Page;
  let sqlite: Database.Database;
  let seeded: Seeded;

  async function signIn(ctx: BrowserContext, email: string, to: string): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => u.pathname === to);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ label: "analytics-e2e" });
    sqlite = new Database(server.dbFile);
    sqlite.pragma("busy_timeout = 5000");
    const hash = await hashOnce(PASSWORD);
    seeded = seedAnalyticsHistory(sqlite, { passwordHash: hash });
    for (const [email, role] of [["director@analytics.test", "admin"], ["reader@analytics.test", "member"]]) {
      sqlite.prepare("INSERT INTO users (email, name, role, password_hash) VALUES (?, ?, ?, ?)").run(email, email.split("@")[0], role, hash);
    }
    browser = await launchBrowser();
    context = await browser.newContext({ acceptDownloads: true });
    admin = await signIn(context, "director@analytics.test", "/admin");
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    sqlite?.close();
    await server?.stop();
  });

  it("an admin finds Analytics in the admin area and recomputes the figures", async () => {
    await admin.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Analytics" }).click();
    await admin.getByRole("heading", { level: 1, name: "Analytics" }).waitFor();
    await admin.getByRole("button", { name: "Rebuild from all activity" }).click();
    await admin.getByText(/Figures recomputed/).waitFor();
    await expect(admin.getByText(/Figures as of/).textContent()).resolves.toMatch(/recomputed every 10 minutes/);
  });

  it("growth: a day's growth rate and its 7-day average, for a range chosen on the page", async () => {
    const d = seeded.today - 21;
    const want = expectedGrowth(sqlite, d);
    await admin.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Growth" }).click();
    await admin.getByRole("heading", { level: 1, name: "Growth" }).waitFor();
    await admin.getByLabel("Days from").fill(dayOf(d - 13));
    await admin.getByLabel("to", { exact: true }).fill(dayOf(d));
    await admin.getByRole("button", { name: "Show" }).click();
    await admin.waitForURL((u) => u.searchParams.get("from") === dayOf(d - 13) && u.searchParams.get("to") === dayOf(d));
    const row = admin.getByRole("table", { name: "Day by day" }).getByRole("row", { name: new RegExp(`^${dayOf(d)}`) });
    await row.waitFor();
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells).toEqual([String(want.members), String(want.newMembers), `${want.rate!.toFixed(2)}%`, `${want.avg7.toFixed(2)}%`, expect.any(String)]);
    // The charts are drawn on the server, with a text alternative.
    await expect(admin.getByRole("img", { name: /^Daily growth rate/ }).count()).resolves.toBe(1);
  });

  it("the funnel, a week's return and a cohort cell", async () => {
    const funnel = expectedFunnel(sqlite);
    await admin.goto(`${server.url}/admin/analytics/funnel?from=${dayOf(seeded.today - 30)}&to=${dayOf(seeded.today)}`);
    // Every invitation of the seeded history came from a member, so the summary is the member invitations' funnel.
    const summary = admin.getByText(/^Of \d+ invitations sent/);
    await summary.waitFor();
    expect((await summary.textContent())!.replace(/\s+/g, " ")).toContain(
      `Of ${funnel.sent} invitations sent from ${dayOf(seeded.today - 30)} to ${dayOf(seeded.today)}, ${funnel.acceptedRate.toFixed(1)}% were accepted`,
    );

    const week = mondayOf(seeded.today) - 21;
    const back = expectedWeeklyReturn(sqlite, week);
    await admin.goto(`${server.url}/admin/analytics/retention?from=${dayOf(week)}&to=${dayOf(week + 6)}`);
    const weekRow = admin.getByRole("table", { name: "Week by week" }).getByRole("row", { name: new RegExp(`^${dayOf(week)}`) });
    await weekRow.waitFor();
    expect(await weekRow.getByRole("cell").allTextContents()).toEqual([String(back.active), String(back.returned), `${back.rate.toFixed(1)}%`]);

    const cohort = dayOf(seeded.today - 60).slice(0, 7);
    const cell = expectedCohortCell(sqlite, cohort, 1);
    await admin.getByRole("navigation", { name: "Analytics" }).getByRole("link", { name: "Cohorts" }).click();
    await admin.getByRole("heading", { level: 1, name: "Retention by monthly cohort" }).waitFor();
    const cohortRow = admin.getByRole("row", { name: new RegExp(`^${cohort}`) });
    await cohortRow.waitFor();
    const texts = await cohortRow.getByRole("cell").allTextContents();
    expect(texts[0]).toBe(String(cell.size));
    expect(texts[2]).toBe(`${((cell.active / cell.size) * 100).toFixed(1)}%`);

    // The same table as CSV, with the page's range.
    const [download] = await Promise.all([admin.waitForEvent("download"), admin.getByRole("link", { name: "Download the cohort table as CSV" }).click()]);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "analytics-csv-")), download.suggestedFilename());
    await download.saveAs(file);
    expect(download.suggestedFilename()).toMatch(/^colloquy-cohorts-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const rows = parse(fs.readFileSync(file, "utf8"), { bom: true, columns: true }) as Record<string, string>[];
    const csvRow = rows.find((r) => r["Joined in"] === cohort)!;
    expect(csvRow.Members).toBe(String(cell.size));
    expect(csvRow["Month 1 active"]).toBe(String(cell.active));
  });

  it("a member who opens the address gets the page-not-found page, and no Analytics link", async () => {
    const ctx = await browser.newContext();
    try {
      const reader = await signIn(ctx, "reader@analytics.test", "/");
      const res = await reader.goto(`${server.url}/admin/analytics/growth`);
      expect(res!.status()).toBe(404);
      await reader.getByRole("heading", { name: "Page not found" }).waitFor();
      await expect(reader.getByRole("link", { name: "Analytics" }).count()).resolves.toBe(0);
      const csv = await reader.request.get(`${server.url}/admin/analytics/cohorts.csv`);
      expect(csv.status()).toBe(404);
    } finally {
      await ctx.close();
    }
  });
});
