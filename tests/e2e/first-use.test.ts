// Issue #22: the first-use review, as browser journeys against the production build. One server seeded with the
// demo institute (no SMTP_URL, so mail stays in the development outbox) and one browser for the whole file; each
// journey runs at desktop (1280 px) and phone (390 px) width, and without JavaScript where a form is involved.
import { and, eq } from "drizzle-orm";
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSource } from "../../app/models/news.server";
import type { DB } from "../../app/models/db.server";
import * as schema from "../../db/schema";
import { readDemoContent, seedDemo, type SeedContext } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

const WIDTHS = [1280, 390] as const;
const viewport = (width: number) => ({ width, height: width > 600 ? 900 : 844 });

describe.skipIf(!hasBrowser)("first use: the review's broken page and frictions (issue #22)", () => {
  let server: TestServer;
  let browser: Browser;
  let ctx: SeedContext;
  const { institute, instructors, people } = readDemoContent();
  const admin = institute.admins[0]!;
  const problems: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ label: "first-use" });
    ctx = await seedDemo(server.db);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedIn(email: string, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext(options);
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    page.on("console", (m) => m.type() === "error" && !/status of 4\d\d/.test(m.text()) && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(institute.demoPassword);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    return page;
  }
  // Screenshots of key pages for a person to look at (build/ is not committed).
  const shot = (page: Page, name: string) => page.screenshot({ path: `build/shots/${name}.png`, fullPage: false });
  const noSideways = async (page: Page) =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const userId = (email: string) => ctx.usersByEmail.get(email)!;
  const privacy = () => ctx.seminarsBySlug.get("privacy-2027")!;

  it("'Your data' in the account menu opens the data download and deletion page", async () => {
    for (const width of WIDTHS) {
      for (const javaScriptEnabled of [true, false]) {
        const page = await signedIn(people[0]!.email, { viewport: viewport(width), javaScriptEnabled });
        await page.locator(".user-menu summary").click();
        await page.getByRole("link", { name: "Your data" }).click();
        await page.getByRole("heading", { level: 1, name: "Your data" }).waitFor();
        expect(await page.getByRole("heading", { level: 1, name: "Account and password" }).count()).toBe(0);
        expect(await page.getByRole("button", { name: /delete/i }).count()).toBeGreaterThan(0);
        await noSideways(page);
        await page.context().close();
      }
    }
  }, 180_000);

  it("the OPML export lists every source the news pages list, members' blogs included", async () => {
    const tx = server.db as unknown as DB;
    for (const [i, p] of people.slice(1, 3).entries()) {
      insertSource(tx, {
        scope: "member-blog",
        ownerId: userId(p.email),
        url: `https://blog${i}.example.org/feed.xml`,
        name: `${p.name}'s notes`,
        tags: [],
        includeKeywords: "",
        excludeKeywords: "",
        requiresApproval: false,
      });
    }
    const network = server.db.select().from(schema.newsSources).where(eq(schema.newsSources.scope, "network")).all().length;
    const page = await signedIn(admin.email, { viewport: viewport(1280) });
    const res = await page.request.get(`${server.url}/admin/news/opml`);
    expect(res.status()).toBe(200);
    const opml = await res.text();
    const feeds = opml.match(/xmlUrl="/g) ?? [];
    expect(feeds.length).toBe(network + 2);
    expect(opml).toContain('xmlUrl="https://blog0.example.org/feed.xml"');
    expect(opml).toContain('<outline text="Member blogs"');
    // The admin page counts the same sources.
    await page.goto(`${server.url}/admin/news`);
    await page.getByRole("heading", { name: `Network-wide sources (${network})` }).waitFor();
    await page.getByRole("heading", { name: "Member blogs (2)" }).waitFor();
    await page.context().close();
  }, 180_000);

  it("the seminar's welcome card asks for the profile only while it is unfinished", async () => {
    const member = people[0]!;
    server.db.update(schema.profiles).set({ onboardingCompletedAt: null, reminderSnoozedUntil: null }).where(eq(schema.profiles.userId, userId(member.email))).run();
    for (const width of WIDTHS) {
      const page = await signedIn(member.email, { viewport: viewport(width) });
      await page.goto(`${server.url}/s/privacy-2027`);
      const welcome = page.locator(".welcome");
      await welcome.getByText(/Your profile is \d+% complete/).waitFor();
      expect(await welcome.textContent()).not.toContain("Please complete your profile");
      if (width === 390) {
        // Finish the profile; the card no longer asks.
        await welcome.getByRole("link", { name: "Finish your profile" }).click();
        await page.goto(`${server.url}/onboarding?step=privacy`);
        await page.getByRole("button", { name: "Finish" }).click();
        await page.getByText("Your profile is set up").waitFor();
        await page.goto(`${server.url}/s/privacy-2027`);
        await page.getByRole("heading", { name: "Welcome" }).waitFor();
        expect(await welcome.textContent()).not.toMatch(/complete your profile|% complete/);
      }
      await page.context().close();
    }
  }, 180_000);

  it("news for staff: add a source at the top, approve several items at once (with and without JavaScript); members see no failures", async () => {
    const tx = server.db as unknown as DB;
    const source = insertSource(tx, {
      scope: "network",
      url: "https://moderated.example.org/feed.xml",
      name: "Moderated Law Wire",
      tags: ["privacy"],
      includeKeywords: "",
      excludeKeywords: "",
      requiresApproval: true,
      // Far in the future, so the worker does not try to fetch it during the test.
      now: new Date(Date.now() + 30 * 86400_000),
    })!;
    const titles = ["Court rules on cookie banners", "New breach rules for hospitals", "Regulator fines data broker", "Draft AI act guidance", "State privacy law signed"];
    for (const [i, title] of titles.entries()) {
      const at = new Date(Date.now() - i * 3600_000);
      const item = server.db
        .insert(schema.newsItems)
        .values({ titleKey: `k-${i}`, title, link: `https://moderated.example.org/${i}`, publishedAt: at, firstSeenAt: at })
        .returning()
        .get();
      server.db.insert(schema.newsItemSources).values({ itemId: item.id, sourceId: source.id, approval: "pending", addedAt: at }).run();
    }
    // Every other network source has failed its last fetch.
    server.db
      .update(schema.newsSources)
      .set({ lastFetchedAt: new Date(), lastError: "The server answered 503.", lastErrorAt: new Date(), consecutiveFailures: 2, nextFetchAt: new Date(Date.now() + 86400_000) })
      .where(and(eq(schema.newsSources.scope, "network")))
      .run();

    const approved = () =>
      server.db.select().from(schema.newsItemSources).where(and(eq(schema.newsItemSources.sourceId, source.id), eq(schema.newsItemSources.approval, "approved"))).all().length;

    // With JavaScript, on a phone: "Select all" then "Approve selected".
    const page = await signedIn(admin.email, { viewport: viewport(390) });
    await page.goto(`${server.url}/admin/news`);
    const addY = (await page.getByRole("heading", { name: "Add a source" }).boundingBox())!.y;
    const listY = (await page.getByRole("heading", { name: /^Network-wide sources/ }).boundingBox())!.y;
    expect(addY).toBeLessThan(listY);
    await page.getByRole("heading", { name: "Add a source" }).click();
    await page.getByLabel("Feed address").waitFor();
    await page.getByRole("heading", { name: "Waiting for approval (5)" }).waitFor();
    await shot(page, "admin-news-390");
    await page.getByLabel("Select all").check();
    expect(await page.locator('input[name="item"]:checked').count()).toBe(5);
    await page.getByLabel(`Select “${titles[3]}”`).uncheck();
    await page.getByLabel(`Select “${titles[4]}”`).uncheck();
    expect(await page.getByLabel("Select all").isChecked()).toBe(false);
    await page.getByRole("button", { name: "Approve selected" }).click();
    await page.getByText("3 items are now shown to members.").waitFor();
    expect(approved()).toBe(3);
    await noSideways(page);
    await page.context().close();

    // Without JavaScript, at desktop width: tick two boxes and approve them.
    const plain = await signedIn(admin.email, { viewport: viewport(1280), javaScriptEnabled: false });
    await plain.goto(`${server.url}/admin/news`);
    expect(await plain.getByLabel("Select all").count()).toBe(0);
    await plain.getByRole("button", { name: "Approve selected" }).click();
    await plain.getByText("Tick the items to approve or reject first.").waitFor();
    await plain.getByLabel(`Select “${titles[3]}”`).check();
    await plain.getByLabel(`Select “${titles[4]}”`).check();
    await plain.getByRole("button", { name: "Approve selected" }).click();
    await plain.getByText("2 items are now shown to members.").waitFor();
    expect(approved()).toBe(5);
    // Staff see the failures on the news page…
    await plain.goto(`${server.url}/news`);
    expect(await plain.locator(".news-sources summary").textContent()).toMatch(/failing/);
    await plain.context().close();

    // …members see how many sources there are, and nothing about failing fetches.
    for (const width of WIDTHS) {
      const member = await signedIn(people[0]!.email, { viewport: viewport(width) });
      await member.goto(`${server.url}/news`);
      const summary = await member.locator(".news-sources summary").textContent();
      expect(summary).toMatch(/^Sources: \d+$/);
      expect(await member.locator("main").textContent()).not.toMatch(/failing|could not be fetched|503/i);
      await member.goto(`${server.url}/s/privacy-2027/news`);
      expect(await member.locator("main").textContent()).not.toMatch(/failing|could not be fetched|503/i);
      await member.context().close();
    }
  }, 180_000);

  it("the development outbox: the flash says mail is only held, search by recipient, own links clickable", async () => {
    for (const [k, javaScriptEnabled] of [true, false].entries()) {
      const email = `newcomer${k}@firm.example`;
      const page = await signedIn(admin.email, { viewport: viewport(k ? 390 : 1280), javaScriptEnabled });
      await page.goto(`${server.url}/admin/invitations/new`);
      await page.getByLabel("Email address").fill(email);
      await page.getByLabel("Seminar").selectOption({ label: "Data Privacy Law in Practice 2027" });
      await page.getByRole("button", { name: "Send invitation" }).click();
      const flash = page.getByRole("status").filter({ hasText: email });
      await flash.waitFor();
      expect(await flash.textContent()).toContain("held in the development outbox");
      expect(await flash.textContent()).not.toContain("Invitation sent");

      await page.goto(`${server.url}/admin/mail`);
      await page.getByLabel("Recipient").fill(`NEWCOMER${k}@`);
      await page.getByRole("button", { name: "Filter" }).click();
      await page.waitForURL(/to=/);
      const rows = page.locator("tbody tr");
      expect(await rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(email);
      await rows.first().getByRole("link").click();
      const link = page.locator(".mail-text a");
      await link.first().waitFor();
      await shot(page, `mail-${k ? 390 : 1280}`);
      expect(await link.first().getAttribute("href")).toMatch(/^http:\/\/127\.0\.0\.1\/invite\//);
      await noSideways(page);
      await page.context().close();
    }
    // Links to other sites, and anything that is not http(s), stay plain text.
    const id = server.db
      .insert(schema.outbox)
      .values({
        messageId: "<x@test>",
        toAddress: "someone@firm.example",
        subject: "Links",
        text: "Ours: http://127.0.0.1/s/privacy-2027. Theirs: https://evil.example/phish and javascript:alert(1) and http://127.0.0.1.evil.example/x",
        status: "held",
        nextAttemptAt: new Date(),
      })
      .returning()
      .get().id;
    const page = await signedIn(admin.email, { viewport: viewport(1280) });
    await page.goto(`${server.url}/admin/mail/${id}`);
    const hrefs = await page.locator(".mail-text a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(["http://127.0.0.1/s/privacy-2027"]);
    expect(await page.locator(".mail-text").textContent()).toContain("https://evil.example/phish");
    await page.context().close();
  }, 180_000);

  it("the audit log names seminars and invitations with links, in the viewer's time zone", async () => {
    for (const width of WIDTHS) {
      const page = await signedIn(admin.email, { viewport: viewport(width), timezoneId: "America/Los_Angeles" });
      await page.goto(`${server.url}/admin/audit?action=invitation.`);
      const table = page.locator("table");
      await table.waitFor();
      const text = (await table.textContent())!;
      await shot(page, `audit-${width}`);
      expect(text).not.toMatch(/seminarId|invitationId/);
      expect(text).toContain("Invitation created");
      await page.getByRole("link", { name: "Data Privacy Law in Practice 2027" }).first().waitFor();
      expect(await page.getByRole("link", { name: "Data Privacy Law in Practice 2027" }).first().getAttribute("href")).toBe(`/admin/seminars/${privacy()}`);
      expect(await page.getByRole("link", { name: "newcomer0@firm.example" }).count()).toBeGreaterThan(0);
      // December in Los Angeles: Pacific Standard Time, not UTC.
      expect(await table.locator("time").first().textContent()).toMatch(/PST|PDT/);
      await page.context().close();
    }
  }, 180_000);

  it("onboarding: more than two bar admissions, with and without JavaScript; the step header lines up", async () => {
    const member = people[2]!;
    for (const [k, javaScriptEnabled] of [true, false].entries()) {
      server.db.delete(schema.barAdmissions).where(eq(schema.barAdmissions.userId, userId(member.email))).run();
      const page = await signedIn(member.email, { viewport: viewport(k ? 390 : 1280), javaScriptEnabled });
      await page.goto(`${server.url}/onboarding?step=practice`);
      await page.getByRole("heading", { level: 1, name: "Your practice" }).waitFor();
      await shot(page, `onboarding-${k ? 390 : 1280}`);
      // The step line sits flush with the heading under it.
      const stepX = (await page.getByText(/^Step 2 of 6$/).boundingBox())!.x;
      const headX = (await page.getByRole("heading", { level: 1 }).boundingBox())!.x;
      expect(Math.abs(stepX - headX)).toBeLessThan(2);
      await page.getByLabel("Jurisdiction 1").selectOption("New York");
      await page.getByLabel("Jurisdiction 2").selectOption("New Jersey");
      expect(await page.getByLabel("Jurisdiction 3").count()).toBe(0);
      await page.getByRole("button", { name: "Add another jurisdiction" }).click();
      await page.getByLabel("Jurisdiction 3").selectOption("Connecticut");
      await page.getByRole("button", { name: "Add another jurisdiction" }).click();
      await page.getByLabel("Jurisdiction 4").selectOption("Massachusetts");
      // What was chosen before adding rows is still there.
      expect(await page.getByLabel("Jurisdiction 1").inputValue()).toBe("New York");
      await page.getByRole("button", { name: "Save and continue" }).click();
      await page.getByRole("heading", { level: 1, name: "Bio and links" }).waitFor();
      const saved = server.db.select().from(schema.barAdmissions).where(eq(schema.barAdmissions.userId, userId(member.email))).all();
      expect(saved.map((a) => a.jurisdiction).sort()).toEqual(["Connecticut", "Massachusetts", "New Jersey", "New York"]);
      await noSideways(page);
      await page.context().close();
    }
  }, 180_000);

  it("on a phone an instructor's seminar sections take one line, and chart labels stay readable", async () => {
    const page = await signedIn(instructors[0]!.email, { viewport: viewport(390) });
    await page.goto(`${server.url}/s/privacy-2027/audience`);
    const nav = page.getByRole("navigation", { name: "Seminar sections" });
    await nav.waitFor();
    await shot(page, "audience-390");
    const links = nav.getByRole("link");
    expect(await links.count()).toBeGreaterThanOrEqual(12);
    const tops = await links.evaluateAll((as) => [...new Set(as.map((a) => Math.round(a.getBoundingClientRect().top)))]);
    expect(tops).toHaveLength(1);
    expect((await nav.boundingBox())!.height).toBeLessThan(60);
    // The current section is scrolled into view.
    const active = (await nav.locator("a.active").boundingBox())!;
    expect(active.x).toBeGreaterThanOrEqual(0);
    expect(active.x + active.width).toBeLessThanOrEqual(390);
    await noSideways(page);
    const sizes = await page.locator("figure.chart svg").evaluateAll((svgs) =>
      svgs.flatMap((svg) => {
        const s = svg as SVGSVGElement;
        const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
        return [...s.querySelectorAll("text")].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
      }),
    );
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    await page.context().close();
    // Without JavaScript the sections still scroll sideways within their line, and nothing else does.
    const plain = await signedIn(instructors[0]!.email, { viewport: viewport(390), javaScriptEnabled: false });
    await plain.goto(`${server.url}/s/privacy-2027/roster`);
    const list = plain.getByRole("navigation", { name: "Seminar sections" }).locator("ul");
    expect(await list.evaluate((ul) => ul.scrollWidth > ul.clientWidth && getComputedStyle(ul).overflowX === "auto")).toBe(true);
    await noSideways(plain);
    await plain.context().close();
  }, 180_000);

  it("dates read the same everywhere: the roster says Dec 2, 2026, not 2026-12-02", async () => {
    for (const width of WIDTHS) {
      const page = await signedIn(instructors[0]!.email, { viewport: viewport(width) });
      await page.goto(`${server.url}/s/privacy-2027/roster`);
      const table = page.locator("table");
      await table.waitFor();
      const text = (await table.textContent())!;
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}/);
      await page.context().close();
    }
  }, 180_000);

  it("the survey comes in parts with progress; answers survive moving back and forth (with JavaScript)", async () => {
    const trial = ctx.seminarsBySlug.get("ethics-ai-2026")!;
    const attendee = server.db
      .select({ email: schema.users.email })
      .from(schema.memberships)
      .innerJoin(schema.users, eq(schema.users.id, schema.memberships.userId))
      .where(and(eq(schema.memberships.seminarId, trial), eq(schema.memberships.role, "attendee")))
      .all()
      .find((a) => people.some((p) => p.email === a.email))!;
    for (const width of WIDTHS) {
      const page = await signedIn(attendee.email, { viewport: viewport(width) });
      await page.goto(`${server.url}/s/ethics-ai-2026/survey`);
      await shot(page, `survey-${width}`);
      const count = page.locator(".survey-progress__count");
      await count.waitFor();
      expect(await count.textContent()).toMatch(/^Part 1 of \d/);
      const height = await page.evaluate(() => document.documentElement.scrollHeight);
      expect(height).toBeLessThan(3000);
      await page.getByLabel("About right").check();
      await page.getByRole("button", { name: /^Next:/ }).click();
      expect(await count.textContent()).toMatch(/^Part 2 of/);
      await page.getByRole("button", { name: "Back" }).click();
      expect(await count.textContent()).toMatch(/^Part 1 of/);
      expect(await page.getByLabel("About right").isChecked()).toBe(true);
      await noSideways(page);
      await page.context().close();
    }
  }, 180_000);

  it("an instructor's profile says how to reach them", async () => {
    const vance = userId(instructors[0]!.email);
    for (const width of WIDTHS) {
      const page = await signedIn(people[0]!.email, { viewport: viewport(width) });
      await page.goto(`${server.url}/people/${vance}`);
      const contact = page.getByRole("region", { name: "Contact" });
      await contact.waitFor();
      await shot(page, `profile-${width}`);
      const text = (await contact.textContent())!;
      const mailto = await contact.locator('a[href^="mailto:"], a[href^="tel:"]').count();
      if (!mailto) {
        expect(text).toContain("has not made an email address or phone number visible to you");
        expect(text).toMatch(/teaches Data Privacy Law in Practice 2027/);
        await contact.getByRole("link", { name: "seminar blog" }).waitFor();
      }
      await page.context().close();
    }
    expect(problems.join("\n")).toBe("");
  }, 180_000);
});
