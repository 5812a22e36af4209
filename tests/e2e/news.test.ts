// Browser journey (issue #7): an instructor adds a news source to their seminar, an attendee reads the news.
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";

function legalFeed() {
  const now = Date.now();
  const items = [
    {
      title: "Court of Appeals rules on cross-border data transfers",
      link: "https://legal-news.example.org/2026/data-transfers",
      body: "<p>The court held that <strong>standard contractual clauses</strong> remain valid.</p><script>alert('x')</script>",
    },
    {
      title: "State bar issues guidance on generative AI in practice",
      link: "https://legal-news.example.org/2026/ai-guidance",
      body: "<p>Lawyers must supervise AI tools as they supervise staff.</p>",
    },
    { title: "A headline with a hostile link", link: "javascript:alert(document.cookie)", body: "<p>Nothing to see.</p>" },
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Privacy Law Reporter</title><link>https://legal-news.example.org/</link>
${items
  .map(
    (i, n) =>
      `<item><title>${i.title}</title><link>${i.link.replace(/&/g, "&amp;")}</link><guid>${i.link}</guid><pubDate>${new Date(
        now - (n + 1) * 3600_000,
      ).toUTCString()}</pubDate><description><![CDATA[${i.body}]]></description></item>`,
  )
  .join("\n")}
</channel></rss>`;
}

describe.skipIf(!hasBrowser)("news in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let feeds: http.Server;
  let feedOrigin = "";
  const slug = "privacy-news-journey";
  const instructor = { email: "instructor.news@example.com", name: "Iris Instructor" };
  const attendee = { email: "attendee.news@example.com", name: "Arlo Attendee" };

  beforeAll(async () => {
    feeds = http.createServer((req, res) => {
      if (req.url === "/privacy/feed") res.writeHead(200, { "Content-Type": "application/rss+xml; charset=utf-8" }).end(legalFeed());
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => feeds.listen(0, "127.0.0.1", r));
    const { port } = feeds.address() as AddressInfo;
    feedOrigin = `http://127.0.0.1:${port}`;
    server = await startTestServer({ label: "news-e2e", env: { FEED_ALLOWED_HOSTS: `127.0.0.1:${port}` } });
    const seminar = createSeminar(server.db, { slug, title: "Privacy Law Journey Seminar" });
    const i = await createUser(server.db, { ...instructor, password: PASSWORD });
    const a = await createUser(server.db, { ...attendee, password: PASSWORD });
    addMember(server.db, { seminarId: seminar.id, userId: i.id, role: "instructor" });
    addMember(server.db, { seminarId: seminar.id, userId: a.id, role: "attendee" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    feeds?.closeAllConnections();
    await new Promise<void>((r) => (feeds ? feeds.close(() => r()) : r()));
  });

  async function signIn(page: Page, email: string) {
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  }

  it("an instructor adds a source; an attendee reads its news, safely linked to the originals", async () => {
    const problems: string[] = [];
    // The refused form (400) and the closed page (403) are expected; anything else (CSP, script errors) is not.
    const expected = /status of (400|403)/;
    const ctxI = await browser.newContext();
    const pageI = await ctxI.newPage();
    pageI.on("console", (m) => m.type() === "error" && !expected.test(m.text()) && problems.push(m.text()));
    await signIn(pageI, instructor.email);
    await pageI.goto(`${server.url}/s/${slug}`);
    await pageI.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: "News" }).click();
    await pageI.getByRole("heading", { name: "News", level: 1 }).waitFor();
    await pageI.getByRole("link", { name: /Manage news sources/ }).click();
    await pageI.getByRole("heading", { name: "News sources", level: 1 }).waitFor();

    // A mistake first: the error is next to the field and the other input is kept.
    await pageI.getByLabel("Feed address (RSS or Atom)").fill("ftp://example.org/feed");
    await pageI.getByLabel("Name", { exact: true }).fill("Privacy Law Reporter");
    await pageI.getByRole("button", { name: "Add source" }).click();
    await pageI.getByText("Only http:// and https:// feed addresses are supported.").waitFor();
    expect(await pageI.getByLabel("Name", { exact: true }).inputValue()).toBe("Privacy Law Reporter");

    await pageI.getByLabel("Feed address (RSS or Atom)").fill(`${feedOrigin}/privacy/feed`);
    await pageI.getByLabel("Tags").fill("privacy, EU");
    await pageI.getByRole("button", { name: "Add source" }).click();
    await pageI.getByText("Privacy Law Reporter was added: 3 items fetched.").waitFor();
    const card = pageI.locator(".source-card", { hasText: "Privacy Law Reporter" });
    await card.getByText("Working").waitFor();
    expect(await card.textContent()).toContain("3 new items; unsafe content (scripts or non-web links) removed from 2 items.");
    await ctxI.close();

    const ctxA = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const pageA = await ctxA.newPage();
    pageA.on("console", (m) => m.type() === "error" && !expected.test(m.text()) && problems.push(m.text()));
    pageA.on("pageerror", (e) => problems.push(e.message));
    await signIn(pageA, attendee.email);
    await pageA.goto(`${server.url}/s/${slug}`);
    await pageA.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: "News" }).click();
    await pageA.getByRole("heading", { name: "News", level: 1 }).waitFor();
    // Attendees read; they do not manage.
    expect(await pageA.getByRole("link", { name: /Manage news sources/ }).count()).toBe(0);

    const titles = await pageA.locator(".news-item__title").allTextContents();
    expect(titles.map((t) => t.replace(/ \(opens the original.*\)$/, ""))).toEqual([
      "Court of Appeals rules on cross-border data transfers",
      "State bar issues guidance on generative AI in practice",
      "A headline with a hostile link",
    ]);
    const first = pageA.getByRole("link", { name: /^Court of Appeals rules on cross-border data transfers/ });
    expect(await first.getAttribute("href")).toBe("https://legal-news.example.org/2026/data-transfers");
    expect(await first.getAttribute("rel")).toBe("nofollow noopener noreferrer");
    expect(await pageA.locator(".news-item").first().textContent()).toContain(
      "The court held that standard contractual clauses remain valid.",
    );
    expect(await pageA.locator(".news-item__source").first().textContent()).toBe("Privacy Law Reporter");
    // The hostile link is gone; the title stays as plain text.
    expect(await pageA.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await pageA.locator(".news-item", { hasText: "A headline with a hostile link" }).locator("a").count()).toBe(0);
    const overflow = await pageA.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // The instructors' page is closed to attendees.
    const res = await pageA.goto(`${server.url}/s/${slug}/news/sources`);
    expect(res?.status()).toBe(403);
    expect(problems).toEqual([]);
    await ctxA.close();
  });
});
