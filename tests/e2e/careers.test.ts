// Issue #18 journeys in Chromium against the production build: a member posts a job, a matching member sees it
// (marked as matching) and applies sharing their profile, the poster sees that application and no other member's
// profile; a referral request reaches a matching member and not a non-matching one, the private answer, "placed" and
// the thanks on the member's profile; an expired posting disappears and refuses a hand-made application; a member saves
// a posting, finds it under "Saved jobs" and removes it, and reaches the report form from the posting.
import { eq } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabase, db } from "~/models/db.server";
import { resetEnvForTests } from "~/utils/env.server";
import { createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser } from "../helpers/browser";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const SECRET = "careers-e2e-secret-0123456789-abcdefghijklmnop";
const PASSWORD = "correct horse battery staple";

describe.skipIf(!hasBrowser)("careers and referrals in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  const ids: Record<string, number> = {};
  const contexts = new Map<string, BrowserContext>();

  /** One signed-in context per member for the whole file (the sign-in throttle counts attempts per address). */
  async function pageFor(key: string, to: string): Promise<Page> {
    let context = contexts.get(key);
    if (!context) {
      context = await browser.newContext();
      contexts.set(key, context);
      const page = await context.newPage();
      await page.goto(`${server.url}/login?redirectTo=${encodeURIComponent(to)}`);
      await page.getByLabel("Email").fill(`${key}@example.com`);
      await page.getByLabel("Password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((u) => u.pathname === to.split("?")[0]);
      return page;
    }
    const page = await context.newPage();
    await page.goto(`${server.url}${to}`);
    return page;
  }

  beforeAll(async () => {
    server = await startTestServer({ label: "careers-e2e", env: { SESSION_SECRET: SECRET } });
    closeDatabase();
    process.env.DATABASE_PATH = server.dbFile;
    process.env.SESSION_SECRET = SECRET;
    resetEnvForTests();
    browser = await launchBrowser();
    const d = db();
    const people: [string, string, { referrals?: boolean; opportunities?: boolean; area?: string; jurisdiction?: string }][] = [
      ["pat", "Pat Poster", {}],
      ["sue", "Sue Seeker", { opportunities: true, area: "Privacy and Data Protection", jurisdiction: "Texas" }],
      ["nick", "Nick Bystander", { opportunities: true, area: "Privacy and Data Protection", jurisdiction: "Texas" }],
      ["ada", "Ada Asker", {}],
      ["tex", "Tex Counsel", { referrals: true, area: "Real Estate", jurisdiction: "Texas" }],
      ["cal", "Cal Elsewhere", { referrals: true, area: "Real Estate", jurisdiction: "California" }],
    ];
    for (const [key, name, o] of people) {
      const u = await createUser(d, { name, email: `${key}@example.com` });
      ids[key] = u.id;
      const set = { openToReferrals: o.referrals ?? false, openToOpportunities: o.opportunities ?? false };
      d.insert(schema.profiles).values({ userId: u.id, ...set }).onConflictDoUpdate({ target: schema.profiles.userId, set }).run();
      if (o.area) d.insert(schema.profileAreas).values({ userId: u.id, kind: "area", value: o.area }).run();
      if (o.jurisdiction) d.insert(schema.barAdmissions).values({ userId: u.id, jurisdiction: o.jurisdiction }).run();
    }
  });

  afterAll(async () => {
    for (const c of contexts.values()) await c.close();
    await browser?.close();
    closeDatabase();
    await server?.stop();
  });

  it("a job is posted, a matching member applies, and the poster sees that application only", async () => {
    const pat = await pageFor("pat", "/jobs/new");
    await pat.getByLabel("Job title").fill("Senior Privacy Counsel");
    await pat.getByLabel("Firm or organisation").fill("Acme LLP");
    await pat.getByLabel("Location").fill("Austin, TX");
    await pat.getByText("Practice areas (0 chosen)").click();
    await pat.getByLabel("Privacy and Data Protection").check();
    await pat.getByText("Jurisdictions (0 chosen)").click();
    await pat.getByLabel("Texas", { exact: true }).check();
    await pat.getByLabel(/On an external page/).check();
    await pat.getByLabel("Application link (for “external page”)").fill("javascript:alert(1)");
    await pat.getByRole("button", { name: "Post the job" }).click();
    // A link that is not http(s) is refused next to its field, and the rest is kept.
    await pat.getByText("Enter a web address starting with http:// or https://.").waitFor();
    expect(await pat.getByLabel("Job title").inputValue()).toBe("Senior Privacy Counsel");
    await pat.getByLabel(/Through the portal/).check();
    await pat.getByLabel("Description").fill("Lead our **privacy** team.\n\n<script>window.__owned = 1</script>");
    await pat.getByRole("button", { name: "Post the job" }).click();
    await pat.getByText("Your opening is posted.").waitFor();
    const jobPath = new URL(pat.url()).pathname;
    expect(await pat.locator("strong", { hasText: "privacy" }).count()).toBe(1);
    expect(await pat.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

    const sue = await pageFor("sue", "/jobs");
    const listing = sue.getByRole("list", { name: "Job postings" }).getByRole("listitem").filter({ hasText: "Senior Privacy Counsel" });
    await listing.getByText("Matches your practice").waitFor();
    // Two filters, as a member would use them.
    await sue.getByLabel("Practice area", { exact: true }).selectOption("Privacy and Data Protection");
    await sue.getByLabel("Jurisdiction", { exact: true }).selectOption("Texas");
    await sue.getByRole("button", { name: "Filter" }).click();
    await sue.waitForURL((u) => u.searchParams.get("jurisdiction") === "Texas");
    await sue.getByRole("link", { name: "Senior Privacy Counsel" }).click();
    await sue.getByLabel("Note to the poster").fill("Ten years of privacy work in Texas.");
    await sue.getByLabel(/Share my profile with the poster/).check();
    await sue.getByRole("button", { name: "Send application" }).click();
    await sue.getByText("Your application is sent.").waitFor();
    await sue.getByText(/You applied on .*, sharing your profile\./).waitFor();

    // Nick matches too and sees the posting, but does not apply.
    const nick = await pageFor("nick", "/jobs");
    await nick.getByRole("link", { name: "Senior Privacy Counsel" }).waitFor();

    await pat.goto(`${server.url}${jobPath}`);
    const apps = pat.getByRole("region", { name: /Applications \(1\)/ });
    await apps.getByText("Ten years of privacy work in Texas.").waitFor();
    await apps.getByRole("link", { name: "Sue Seeker" }).first().waitFor();
    expect(await pat.getByText("Nick Bystander").count()).toBe(0);
    // The poster hears of the application in the notification centre.
    await pat.goto(`${server.url}/notifications`);
    await pat.getByRole("link", { name: "Sue Seeker applied for Senior Privacy Counsel" }).waitFor();
  }, 120_000);

  it("a member saves a posting, finds it under Saved jobs, removes it, and can report it", async () => {
    const sue = await pageFor("sue", "/jobs");
    await sue.getByRole("link", { name: "Senior Privacy Counsel" }).click();
    await sue.getByRole("button", { name: "Save this job" }).click();
    await sue.getByText("Saved: find it under “Saved jobs”.").waitFor();
    await sue.getByRole("button", { name: "Saved · remove from saved jobs" }).waitFor();
    await sue.goto(`${server.url}/jobs`);
    await sue.getByRole("link", { name: "Saved jobs", exact: true }).click();
    const saved = sue.getByRole("list", { name: "Saved jobs" });
    await saved.getByRole("link", { name: "Senior Privacy Counsel" }).waitFor();
    await saved.getByRole("button", { name: "Remove Senior Privacy Counsel from saved jobs" }).click();
    await sue.getByText("Removed from your saved jobs.").waitFor();
    await sue.getByText("You have not saved any postings.").waitFor();
    await sue.goto(`${server.url}/jobs`);
    await sue.getByRole("link", { name: "Senior Privacy Counsel" }).click();
    await sue.getByRole("link", { name: "Report this posting" }).click();
    await sue.getByRole("heading", { level: 1, name: "Report “Senior Privacy Counsel · Acme LLP”" }).waitFor();
    // Each open page holds a live-updates connection: close this one so later tests in this context keep theirs free.
    await sue.close();
  }, 60_000);

  it("a referral request reaches the matching member only; a private answer, placed, and the thanks on the profile", async () => {
    const ada = await pageFor("ada", "/referrals/new");
    await ada.getByLabel("What you need").fill("Local counsel in Texas for a commercial lease dispute");
    await ada.getByLabel("Practice area").selectOption("Real Estate");
    await ada.getByLabel("Jurisdiction").selectOption("Texas");
    await ada.getByLabel("Urgency").selectOption("soon");
    await ada.getByLabel("Details").fill("Two weeks, starting Monday. Client names on request.");
    await ada.getByLabel(/Share beyond my seminars/).check();
    await ada.getByRole("button", { name: "Post the request" }).click();
    await ada.getByText("Your request is posted. It went to 1 matching member.").waitFor();
    const referralPath = new URL(ada.url()).pathname;

    const tex = await pageFor("tex", "/referrals");
    const forTex = tex.getByRole("list", { name: "Requests for you" });
    await forTex.getByRole("link", { name: "Local counsel in Texas for a commercial lease dispute" }).waitFor();
    await tex.goto(`${server.url}/notifications`);
    await tex.getByRole("link", { name: /Ada Asker is looking for counsel: Real Estate, Texas/ }).waitFor();

    const cal = await pageFor("cal", "/referrals");
    await cal.getByText("No request has been routed to you.").waitFor();
    await cal.goto(`${server.url}/notifications`);
    expect(await cal.getByRole("link", { name: /Ada Asker is looking for counsel/ }).count()).toBe(0);

    await tex.goto(`${server.url}${referralPath}`);
    await tex.getByLabel("Offer to help (only the requester sees this)").fill("Happy to help; I handle lease disputes in Austin.");
    await tex.getByRole("button", { name: "Send privately" }).click();
    await tex.getByText("Your message is sent privately.").waitFor();

    // Cal can read the open request (shared with the network) but not Tex's private answer.
    await cal.goto(`${server.url}${referralPath}`);
    await cal.getByRole("heading", { level: 1, name: "Local counsel in Texas for a commercial lease dispute" }).waitFor();
    expect(await cal.getByText("I handle lease disputes in Austin").count()).toBe(0);

    await ada.goto(`${server.url}${referralPath}`);
    const conversation = ada.getByRole("article", { name: "Conversation with Tex Counsel" });
    await conversation.getByText("Happy to help; I handle lease disputes in Austin.").waitFor();
    await conversation.getByLabel("Answer Tex Counsel privately").fill("Thank you! The client is Globex Corp.");
    await conversation.getByRole("button", { name: "Send privately" }).click();
    await ada.getByText("Your message is sent privately.").waitFor();
    await ada.getByLabel("Who took it").selectOption(String(ids.tex));
    await ada.getByLabel("Thanks (optional)").fill("Quick, thorough, and kind.");
    await ada.getByRole("button", { name: "Mark as placed" }).click();
    await ada.getByText("Marked as placed.").waitFor();
    await ada.getByRole("heading", { name: "Placed" }).waitFor();

    await cal.goto(`${server.url}${referralPath}`);
    expect(await cal.getByText("Globex").count()).toBe(0);
    // The thanks shows on Tex's profile to another member (his choice allows the whole network by default).
    await cal.goto(`${server.url}/people/${ids.tex}`);
    const thanks = cal.getByRole("region", { name: "Thanks for referrals" });
    await thanks.getByText("Quick, thorough, and kind.").waitFor();
    await thanks.getByRole("link", { name: "Ada Asker" }).waitFor();
  }, 120_000);

  it("an expired posting disappears from the list and refuses a hand-made application", async () => {
    const row = db()
      .insert(schema.jobPostings)
      .values({ posterId: ids.pat!, title: "Short-lived Clerkship", organisation: "Court", location: "Dallas", closesAt: new Date(Date.now() + 20_000) })
      .returning()
      .get();
    const sue = await pageFor("sue", "/jobs");
    await sue.getByRole("link", { name: "Short-lived Clerkship" }).waitFor();
    await new Promise((r) => setTimeout(r, Math.max(0, row.closesAt.getTime() - Date.now() + 500)));
    await sue.reload();
    await sue.getByRole("link", { name: "Senior Privacy Counsel" }).waitFor();
    expect(await sue.getByRole("link", { name: "Short-lived Clerkship" }).count()).toBe(0);

    const client = new Client(server.url);
    await client.signIn("nick@example.com", PASSWORD);
    const res = await client.post(`/jobs/${row.id}`, { intent: "apply", note: "Please?", shareProfile: "on" });
    expect(res.status).toBe(404);
    expect((await client.get(`/jobs/${row.id}`)).status).toBe(404);
    expect(db().select().from(schema.jobApplications).where(eq(schema.jobApplications.jobId, row.id)).all()).toEqual([]);

    // A request kept within the requester's seminars looks like "no such page" to a member outside them, whatever
    // they post by hand; and nothing here is for visitors who are not signed in.
    const inside = db()
      .insert(schema.referrals)
      .values({ requesterId: ids.ada!, title: "Quiet matter", practiceArea: "Tax", jurisdiction: "Ohio", shareBeyondSeminars: false })
      .returning()
      .get();
    expect((await client.get(`/referrals/${inside.id}`)).status).toBe(404);
    expect((await client.post(`/referrals/${inside.id}`, { intent: "reply", body: "Let me in" })).status).toBe(404);
    expect(db().select().from(schema.referralReplies).where(eq(schema.referralReplies.referralId, inside.id)).all()).toEqual([]);
    const anonymous = new Client(server.url);
    expect((await anonymous.get("/jobs")).headers.get("location")).toMatch(/^\/login/);
    expect((await anonymous.get(`/referrals/${inside.id}`)).headers.get("location")).toMatch(/^\/login/);
  }, 90_000);
});
