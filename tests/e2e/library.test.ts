// Issue #20 in a browser: a PDF added to the library is found by a word inside it, featured in a seminar, and a new
// version alerts a follower; a bookmark saved from a news item, "who else saved this", a seminar-only bookmark kept
// from a non-member, and bookmarks exported and imported again in the Netscape format.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { seedDemo } from "../../db/seed";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { FIXTURES } from "../helpers/fixtures";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const PDF = path.join(FIXTURES, "library", "data-retention-act.pdf");

describe.skipIf(!hasBrowser)("the library and shared bookmarks in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), "colloquy-e2e-library-"));
  const sessions = new Map<string, { page: Page; problems: string[] }>();

  beforeAll(async () => {
    server = await startTestServer({ label: "e2e-library" });
    await seedDemo(server.db, new Date(), { uploadsDir: server.uploadsDir });
    await createUser(server.db, { email: "libby@example.com", name: "Libby Librarian", password: PASSWORD, role: "admin" });
    const mia = await createUser(server.db, { email: "mia@example.com", name: "Mia Member", password: PASSWORD });
    const ned = await createUser(server.db, { email: "ned@example.com", name: "Ned Neighbour", password: PASSWORD });
    await createUser(server.db, { email: "otto@example.com", name: "Otto Outsider", password: PASSWORD });
    const s = createSeminar(server.db, { slug: "privacy-circle", title: "Privacy Circle" });
    addMember(server.db, { seminarId: s.id, userId: mia.id, role: "attendee" });
    addMember(server.db, { seminarId: s.id, userId: ned.id, role: "attendee" });
    // One approved item from a network news source (the demo has no internet to fetch any).
    const source = server.db.select().from(schema.newsSources).where(eq(schema.newsSources.scope, "network")).get()!;
    const now = new Date();
    const item = server.db
      .insert(schema.newsItems)
      .values({
        title: "Court narrows data retention duties",
        titleKey: "court narrows data retention duties",
        link: "https://news.example.org/2026/retention-ruling",
        linkKey: "news.example.org/2026/retention-ruling",
        excerpt: "A short report.",
        publishedAt: now,
        firstSeenAt: now,
      })
      .returning()
      .get();
    server.db.insert(schema.newsItemSources).values({ itemId: item.id, sourceId: source.id, approval: "approved", addedAt: now }).run();
    browser = await launchBrowser();
    // Every person signs in once, up front (the sign-in throttle counts attempts; a loaded machine is slow here).
    for (const email of ["libby@example.com", "mia@example.com", "ned@example.com", "otto@example.com"]) await as(email);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(files, { recursive: true, force: true });
  });

  /** One signed-in browser context per person for the whole file (the sign-in throttle counts attempts). */
  async function as(email: string): Promise<Page> {
    const known = sessions.get(email);
    if (known) return known.page;
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const problems: string[] = [];
    page.on("console", (m) => m.type() === "error" && !/404 \(Not Found\)/.test(m.text()) && problems.push(m.text()));
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    sessions.set(email, { page, problems });
    return page;
  }
  const problemsOf = (email: string) => sessions.get(email)?.problems ?? [];

  it("staff add a PDF and anyone finds it by a word inside it; it is featured in a seminar", async () => {
    const page = await as("libby@example.com");
    await page.goto(`${server.url}/library`);
    await page.getByRole("link", { name: "Add a document" }).click();
    await page.getByLabel("Title").fill("Data Retention Act");
    await page.getByLabel("Kind").selectOption({ label: "Statute or regulation" });
    await page.getByLabel("Jurisdiction").fill("Germany");
    await page.getByLabel("Practice areas").fill("Privacy");
    await page.getByLabel("Date of the document").fill("2024-05-01");
    await page.getByLabel("Source or citation").fill("DRA §§ 4–5");
    await page.getByLabel("As of").fill("2026-11-01");
    await page.getByLabel("File", { exact: true }).setInputFiles(PDF);
    await page.getByRole("button", { name: "Add to the library" }).click();
    await page.getByRole("heading", { level: 1, name: "Data Retention Act" }).waitFor();

    // Another member searches for a word that is only inside the PDF (read in the background within moments).
    const mia = await as("mia@example.com");
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await mia.goto(`${server.url}/library?q=pseudonymisation`);
      found = (await mia.getByRole("link", { name: "Data Retention Act" }).count()) === 1;
      if (!found) await mia.waitForTimeout(250);
    }
    expect(found).toBe(true);
    await mia.goto(`${server.url}/search?q=pseudonymisation`);
    await mia.getByRole("link", { name: "Data Retention Act" }).waitFor();

    await page.getByLabel("Feature in a seminar you teach").selectOption({ label: "Privacy Circle" });
    await page.getByRole("button", { name: "Feature it" }).click();
    await page.getByRole("status").filter({ hasText: "Featured in Privacy Circle" }).waitFor();

    await mia.goto(`${server.url}/s/privacy-circle/materials`);
    const featured = mia.getByRole("region", { name: "From the library" });
    await featured.getByRole("link", { name: "Data Retention Act" }).waitFor();
    expect(problemsOf("libby@example.com")).toEqual([]);
  }, 60_000);

  it("a new version alerts a member who follows the document", async () => {
    const mia = await as("mia@example.com");
    await mia.goto(`${server.url}/library?q=retention`);
    await mia.getByRole("link", { name: "Data Retention Act" }).click();
    await mia.getByRole("button", { name: "Follow this document" }).click();
    await mia.getByRole("button", { name: "Stop following" }).waitFor();

    const page = await as("libby@example.com");
    await page.getByRole("link", { name: "Upload a new version" }).click();
    const v2 = path.join(files, "data-retention-act-2027.pdf");
    fs.copyFileSync(PDF, v2);
    await page.getByLabel("As of").fill("2027-01-01");
    await page.getByLabel("What changed").fill("Longer retention for tax records.");
    await page.getByLabel("File", { exact: true }).setInputFiles(v2);
    await page.getByRole("button", { name: "Upload new version" }).click();
    await page.getByText("Version 2", { exact: true }).waitFor();

    await mia.goto(`${server.url}/notifications`);
    await mia.getByRole("link", { name: /Libby Librarian added version 2 of “Data Retention Act”/ }).waitFor();
    expect(problemsOf("mia@example.com")).toEqual([]);
  }, 60_000);

  it("a member saves a news item; a seminar colleague sees who else saved it", async () => {
    const mia = await as("mia@example.com");
    await mia.goto(`${server.url}/news`);
    const title = "Court narrows data retention duties";
    const item = mia.locator(".news-item").filter({ hasText: title });
    await item.getByRole("link", { name: /^Save/ }).click();
    await mia.getByRole("heading", { level: 1, name: "Save a bookmark" }).waitFor();
    expect(await mia.getByLabel("Title").inputValue()).toBe(title);
    await mia.getByLabel("Tags").fill("weekly-read");
    await mia.getByLabel("Everyone in the network").check();
    await mia.getByRole("button", { name: "Save bookmark" }).click();
    await mia.getByRole("status").filter({ hasText: "Saved to your bookmarks." }).waitFor();
    // The outside link opens without opener or referrer.
    expect(await mia.getByRole("link", { name: title }).first().getAttribute("rel")).toBe("noopener noreferrer");

    const ned = await as("ned@example.com");
    await ned.goto(`${server.url}/news`);
    await ned.locator(".news-item").filter({ hasText: "Court narrows data retention duties" }).getByRole("link", { name: /^Save/ }).click();
    await ned.getByText("1 other member saved this").waitFor();
    expect(await ned.locator(".who-else-saved").innerText()).toContain("Mia Member");
  }, 60_000);

  it("a seminar-only bookmark stays hidden from a non-member", async () => {
    const mia = await as("mia@example.com");
    await mia.goto(`${server.url}/bookmarks/new`);
    await mia.getByLabel("Link").fill("https://example.org/circle-only-memo");
    await mia.getByLabel("Title").fill("Circle-only memo");
    await mia.getByLabel("Note").fill("For **the circle** only.");
    await mia.getByLabel("One of my seminars").check();
    await mia.getByLabel("Seminar (when shared with one seminar)").selectOption({ label: "Privacy Circle" });
    await mia.getByRole("button", { name: "Save bookmark" }).click();
    await mia.getByRole("status").filter({ hasText: "Saved to your bookmarks." }).waitFor();
    const address = mia.url();

    const ned = await as("ned@example.com");
    await ned.goto(`${server.url}/bookmarks`);
    await ned.getByRole("list", { name: "Bookmarks" }).getByRole("link", { name: "Circle-only memo" }).waitFor();

    const otto = await as("otto@example.com");
    await otto.goto(`${server.url}/bookmarks`);
    await otto.getByRole("heading", { level: 1, name: "Bookmarks" }).waitFor();
    expect(await otto.getByText("Circle-only memo").count()).toBe(0);
    const res = await otto.goto(address);
    expect(res?.status()).toBe(404);
    expect(await otto.getByText("Circle-only memo").count()).toBe(0);
  }, 60_000);

  it("a member exports bookmarks, and they import into another account", async () => {
    const mia = await as("mia@example.com");
    await mia.goto(`${server.url}/bookmarks`);
    const [download] = await Promise.all([mia.waitForEvent("download"), mia.getByRole("link", { name: "Export my bookmarks" }).click()]);
    const file = path.join(files, "exported.html");
    await download.saveAs(file);
    expect(fs.readFileSync(file, "utf8")).toContain("<!DOCTYPE NETSCAPE-Bookmark-file-1>");

    const otto = await as("otto@example.com");
    await otto.goto(`${server.url}/bookmarks/import`);
    await otto.getByLabel("Bookmark file").setInputFiles(file);
    await otto.getByRole("button", { name: "Import" }).click();
    await otto.getByRole("status").filter({ hasText: /Imported [1-9]\d* new bookmarks?/ }).waitFor();
    await otto.getByRole("heading", { level: 1, name: "My bookmarks" }).waitFor();
    await otto.getByRole("list", { name: "Bookmarks" }).getByRole("link", { name: "Circle-only memo" }).waitFor();
    expect(problemsOf("otto@example.com")).toEqual([]);
  }, 60_000);
});
