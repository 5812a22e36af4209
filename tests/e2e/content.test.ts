// Wiki and blog journeys in Chromium against the production build, with a real SMTP server for the reply mail,
// and the XSS corpus loaded in the browser with CSP bypassed, so only our sanitizer stands between it and script.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { xssPayloads } from "../helpers/fixtures";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";
import { startSmtpServer, type TestSmtp } from "../helpers/smtp";

const payloads = xssPayloads();

const PASSWORD = "correct horse battery staple";
const E = { attendee: "ada@example.com", instructor: "ivo@example.com", commenter: "cleo@example.com" };

describe.skipIf(!hasBrowser)("wiki and blog in a browser", () => {
  let server: TestServer;
  let smtp: TestSmtp;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer({ label: "content-e2e", env: { SMTP_URL: smtp.url } });
    const s = createSeminar(server.db, { slug: "privacy", title: "Privacy in Practice" });
    const ada = await createUser(server.db, { email: E.attendee, name: "Ada Attendee" });
    const ivo = await createUser(server.db, { email: E.instructor, name: "Ivo Instructor" });
    const cleo = await createUser(server.db, { email: E.commenter, name: "Cleo Commenter" });
    addMember(server.db, { seminarId: s.id, userId: ada.id, role: "attendee" });
    addMember(server.db, { seminarId: s.id, userId: ivo.id, role: "instructor" });
    addMember(server.db, { seminarId: s.id, userId: cleo.id, role: "attendee" });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.stop();
  });

  async function signedIn(email: string, opts: Parameters<Browser["newContext"]>[0] = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext(opts);
    context.setDefaultTimeout(8000);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "My seminars" }).waitFor();
    return { context, page };
  }

  it("every payload of the XSS corpus, in a wiki page and a blog post, runs no script even with CSP off", async () => {
    const body = payloads.map((p) => p.payload).join("\n\n");
    const client = new Client(server.url);
    await client.signIn(E.attendee, PASSWORD);
    expect((await client.post("/s/privacy/wiki/xss-corpus/edit", { intent: "save", title: "XSS corpus", body, note: "", baseRevision: "0" })).status).toBe(302);
    expect((await client.post("/s/privacy/blog/new", { intent: "publish", title: "XSS corpus post", body, tags: "" })).status).toBe(302);
    const post = server.db.select().from(schema.blogPosts).all().at(-1)!;
    // A few payloads as comments too (comments have their own, shorter limit).
    for (const p of payloads.slice(0, 20)) {
      expect((await client.post(`/s/privacy/blog/${post.id}`, { intent: "comment", formKey: "new", body: p.payload })).status).toBe(302);
    }

    // CSP would stop inline script on its own; bypass it so the test sees what the sanitizer alone lets through.
    const { context, page } = await signedIn(E.attendee, { bypassCSP: true });
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>;
      w.__xssCalls = [];
      const record = (name: string) => (...args: unknown[]) => {
        (w.__xssCalls as string[]).push(`${name}(${args.map(String).join(",")})`);
      };
      for (const name of ["alert", "confirm", "prompt", "print"]) w[name] = record(name);
    });
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));

    for (const path of ["/s/privacy/wiki/xss-corpus", `/s/privacy/blog/${post.id}`]) {
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState("networkidle");
      // Hover and click every link and element in the rendered text, as a curious reader would.
      const prose = page.locator(".prose");
      expect(await prose.count()).toBeGreaterThan(0);
      const found = await page.evaluate(() => {
        const bad: string[] = [];
        for (const el of document.querySelectorAll(".prose *")) {
          if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "SVG", "MATH", "FORM", "STYLE", "BASE", "META", "LINK"].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
          for (const a of Array.from(el.attributes)) {
            if (a.name.startsWith("on") || a.name === "style" || a.name === "srcdoc") bad.push(`${el.tagName}[${a.name}]`);
            if (/^\s*(javascript|vbscript|data):/i.test(a.value) && ["href", "src", "action", "formaction", "xlink:href"].includes(a.name)) bad.push(`${el.tagName}[${a.name}=${a.value}]`);
          }
        }
        return bad;
      });
      expect(found, path).toEqual([]);
      for (const link of await page.locator(".prose a[href]").all()) {
        const href = (await link.getAttribute("href")) ?? "";
        expect(href, path).toMatch(/^(https?:|mailto:|\/|#)/);
      }
      await page.mouse.move(10, 10);
      for (const el of await page.locator(".prose img, .prose details, .prose summary").all()) await el.hover({ force: true, timeout: 500 }).catch(() => undefined);
      const calls = await page.evaluate(() => (window as unknown as { __xssCalls: string[] }).__xssCalls);
      expect(calls, path).toEqual([]);
    }
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 90_000);

  it("an attendee writes a wiki page, an instructor edits it, and the attendee reads the difference", async () => {
    const ada = await signedIn(E.attendee);
    const { page } = ada;
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(`${server.url}/s/privacy`);
    await page.getByRole("navigation", { name: "Seminar sections" }).getByRole("link", { name: "Wiki" }).click();
    await page.getByLabel("Title of the new page").fill("Breach response");
    await page.getByRole("button", { name: "Start writing" }).click();
    await page.getByLabel("Text").fill("Contain the breach.\n\nNotify the authority within 72 hours.\n\nSee [[Regulator contacts]].");
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByRole("heading", { name: "Preview (not saved yet)" }).waitFor();
    expect(await page.locator(".preview .wikilink--missing").textContent()).toBe("Regulator contacts");
    await page.getByLabel("What did you change? (optional)").fill("First draft");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("heading", { name: "Breach response", level: 1 }).waitFor();
    expect(await page.getByText("Saved revision 1.").count()).toBe(1);

    const ivo = await signedIn(E.instructor, { viewport: { width: 390, height: 844 } });
    await ivo.page.goto(`${server.url}/s/privacy/wiki/breach-response`);
    await ivo.page.getByRole("link", { name: "Edit", exact: true }).click();
    await ivo.page.getByLabel("Text").fill("Contain the breach at once.\n\nNotify the authority within 72 hours.\n\nSee [[Regulator contacts]].");
    await ivo.page.getByLabel("What did you change? (optional)").fill("Urgency");
    await ivo.page.getByRole("button", { name: "Save", exact: true }).click();
    await ivo.page.getByText("Saved revision 2.").waitFor();
    const overflow = await ivo.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await ivo.context.close();

    await page.getByRole("link", { name: "History" }).click();
    await page.getByRole("heading", { name: "History of “Breach response”" }).waitFor();
    expect(await page.getByRole("cell", { name: "Urgency" }).count()).toBe(1);
    await page.getByLabel("Compare from revision 1").check();
    await page.getByLabel("Compare to revision 2").check();
    await page.getByRole("button", { name: "Compare selected revisions" }).click();
    await page.getByRole("heading", { name: "Changes to “Breach response”" }).waitFor();
    expect(await page.locator(".diff ins").allTextContents()).toContain(" at once");
    expect(await page.locator(".diff-summary").textContent()).toBe("1 line added, 1 line removed");
    expect(problems).toEqual([]);
    await ada.context.close();
  }, 90_000);

  it("a post gets a comment and its author receives the reply notice by email", async () => {
    const ada = await signedIn(E.attendee);
    await ada.page.goto(`${server.url}/s/privacy/blog`);
    await ada.page.getByRole("link", { name: "Write a post" }).click();
    await ada.page.getByLabel("Title").fill("Is a lost laptop notifiable?");
    await ada.page.getByLabel("Text").fill("Unencrypted CRM export, 2,000 business contacts.");
    await ada.page.getByLabel("Tags").fill("breach response, gdpr");
    await ada.page.getByRole("button", { name: "Publish" }).click();
    await ada.page.getByRole("heading", { name: "Is a lost laptop notifiable?" }).waitFor();
    const postUrl = ada.page.url();
    await ada.context.close();

    const cleo = await signedIn(E.commenter);
    await cleo.page.goto(postUrl);
    await cleo.page.getByLabel("Add a comment").fill("Notify the authority; the **phishing** risk is real.");
    await cleo.page.getByRole("button", { name: "Post comment" }).click();
    await cleo.page.getByRole("heading", { name: "1 comment" }).waitFor();
    expect(await cleo.page.locator(".comment strong").textContent()).toBe("phishing");
    await cleo.context.close();

    const mail = await smtp.waitFor((m) => m.to === E.attendee && m.subject.includes("replied"), 15_000);
    expect(mail.subject).toBe("Cleo Commenter replied to your post in Privacy in Practice");
    expect(mail.text).toContain("Notify the authority; the phishing risk is real.");
    const link = mail.links.find((l) => l.includes("/s/privacy/blog/"))!;
    expect(new URL(link).pathname).toBe(new URL(postUrl).pathname);
  }, 90_000);
});
