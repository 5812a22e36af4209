// Issue #18 gaps over real HTTP against the production build (forms posted as a browser without JavaScript would):
// saving jobs (and being told when a saved posting closes or closes soon), reporting postings and referral requests
// through the one report queue (hidden for members, still seen by staff in moderation), a member's standing on their
// profile under their own visibility choice and canSee, and careers data and direct messages in "Your data".
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { closeDatabase, db } from "~/models/db.server";
import { postJob, type JobInput } from "~/models/job-postings.server";
import { remindSavedJobsClosing } from "~/models/job-saves.server";
import { leaveConversation, sendMessage, startConversation } from "~/models/message-sending.server";
import { setBlocked } from "~/models/message-settings.server";
import { markPlaced, postReferral, replyToReferral } from "~/models/referrals.server";
import { resetEnvForTests } from "~/utils/env.server";
import { jobInput as sharedJobInput } from "../helpers/careers";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const SECRET = "careers-community-secret-0123456789-abcdefgh";
const PASSWORD = "correct horse battery staple";
const DAY = 86400_000;

let server: TestServer;
const ids: Record<string, number> = {};
const clients: Record<string, Client> = {};
const people = {
  pat: "Pat Poster",
  sue: "Sue Saver",
  nick: "Nick Nobody",
  ivy: "Ivy Instructor",
  tex: "Tex Counsel",
  staff: "Stella Staff",
};

/** One signed-in client per member for the whole file (the sign-in throttle counts attempts per address). */
async function as(key: keyof typeof people): Promise<Client> {
  if (!clients[key]) {
    clients[key] = new Client(server.url);
    await clients[key].signIn(`${key}@example.com`, PASSWORD);
  }
  return clients[key];
}

async function page(key: keyof typeof people, path: string) {
  const res = await (await as(key)).get(path);
  return { status: res.status, body: await res.text() };
}

const poster = () => ({
  id: ids.pat!,
  role: "member" as const,
  name: people.pat,
});
const jobInput = (over: Partial<JobInput> = {}): JobInput => sharedJobInput({ title: "Privacy Counsel", jurisdictions: [], barRequired: false, ...over });
const notes = (userId: number, event: string) =>
  db()
    .select()
    .from(schema.notifications)
    .where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.event, event)))
    .all();

beforeAll(async () => {
  server = await startTestServer({
    label: "careers-community",
    env: { SESSION_SECRET: SECRET },
  });
  closeDatabase();
  process.env.DATABASE_PATH = server.dbFile;
  process.env.SESSION_SECRET = SECRET;
  resetEnvForTests();
  const d = db();
  for (const [key, name] of Object.entries(people)) {
    ids[key] = (
      await createUser(d, {
        name,
        email: `${key}@example.com`,
        role: key === "staff" ? "admin" : "member",
      })
    ).id;
  }
  // Tex takes referrals in Texas real estate; everyone but Nick shares the "Leases" seminar.
  d.insert(schema.profiles)
    .values({ userId: ids.tex!, openToReferrals: true })
    .onConflictDoUpdate({
      target: schema.profiles.userId,
      set: { openToReferrals: true },
    })
    .run();
  d.insert(schema.profileAreas).values({ userId: ids.tex!, kind: "area", value: "Real Estate" }).run();
  d.insert(schema.barAdmissions).values({ userId: ids.tex!, jurisdiction: "Texas" }).run();
  const leases = createSeminar(d, {
    slug: "leases",
    title: "Commercial Leases Circle",
  });
  for (const k of ["pat", "sue", "tex"]) addMember(d, { seminarId: leases.id, userId: ids[k]!, role: "attendee" });
  addMember(d, { seminarId: leases.id, userId: ids.ivy!, role: "instructor" });
  const open = createSeminar(d, {
    slug: "open-privacy",
    title: "Open Privacy Masterclass",
  });
  d.update(schema.seminars).set({ enrolmentPolicy: "open" }).where(eq(schema.seminars.id, open.id)).run();
  addMember(d, { seminarId: open.id, userId: ids.ivy!, role: "instructor" });
});

afterAll(async () => {
  closeDatabase();
  await server?.stop();
});

describe("saved jobs", () => {
  it("are saved and removed with plain forms, listed under Saved jobs, and their savers are told when they close", async () => {
    const job = postJob({ poster: poster(), input: jobInput() });
    const soon = postJob({
      poster: poster(),
      input: jobInput({
        title: "Short Notice Clerkship",
        closesAt: new Date(Date.now() + DAY),
      }),
    });
    if (!job.ok || !soon.ok) throw new Error("posting failed");
    const sue = await as("sue");

    expect((await page("sue", `/jobs/${job.id}`)).body).toContain("Save this job");
    const saved = await sue.post(`/jobs/${job.id}`, { intent: "save" });
    expect(saved.status).toBe(302);
    expect((await sue.post(`/jobs/${soon.id}`, { intent: "save" })).status).toBe(302);
    const mine = await page("sue", "/jobs/saved");
    expect(mine.body).toContain("Privacy Counsel");
    expect(mine.body).toContain("Short Notice Clerkship");
    expect((await page("sue", `/jobs/${job.id}`)).body).toContain("Saved · remove from saved jobs");
    // Nick saved nothing; a posting that does not exist cannot be saved.
    expect((await page("nick", "/jobs/saved")).body).not.toContain("Privacy Counsel");
    expect((await (await as("nick")).post("/jobs/999999", { intent: "save" })).status).toBe(404);
    expect(
      db()
        .select()
        .from(schema.memberDailyCounts)
        .where(and(eq(schema.memberDailyCounts.userId, ids.sue!), eq(schema.memberDailyCounts.counter, "job.saved")))
        .get()?.n
    ).toBe(2);

    // Closing soon: told once, however often the task runs.
    remindSavedJobsClosing();
    remindSavedJobsClosing();
    const closing = notes(ids.sue!, "job.closing");
    expect(closing.map((n) => n.summary)).toEqual(["A job you saved closes soon: Short Notice Clerkship at Acme LLP"]);

    // Closed early by the poster: the saver is told and still reaches it; a member who did not save it gets a 404.
    expect((await (await as("pat")).post(`/jobs/${job.id}`, { intent: "close" })).status).toBe(302);
    expect(notes(ids.sue!, "job.closed").map((n) => n.summary)).toEqual(["A job you saved is closed: Privacy Counsel at Acme LLP"]);
    expect((await page("sue", "/notifications")).body).toContain("A job you saved is closed: Privacy Counsel at Acme LLP");
    const closed = await page("sue", `/jobs/${job.id}`);
    expect(closed.status).toBe(200);
    expect(closed.body).toContain("This posting is closed.");
    expect((await page("nick", `/jobs/${job.id}`)).status).toBe(404);
    expect((await page("sue", "/jobs/saved")).body).toMatch(/Privacy Counsel.*Closed/s);

    // Removing works from the saved list; then the closed posting is out of Sue's reach like anyone else's.
    expect(
      (
        await sue.post("/jobs/saved", {
          intent: "unsave",
          jobId: String(job.id),
        })
      ).status
    ).toBe(302);
    expect((await page("sue", "/jobs/saved")).body).not.toContain("Privacy Counsel");
    expect((await page("sue", `/jobs/${job.id}`)).status).toBe(404);
    expect((await sue.post("/jobs/saved", { intent: "save", jobId: String(job.id) })).status).toBe(404);
  }, 60_000);
});

describe("reports on postings and referral requests", () => {
  it("go to the one queue; a hidden posting or request disappears for members, its author is told, staff still see it", async () => {
    const job = postJob({
      poster: poster(),
      input: jobInput({ title: "Too Good To Be True Partner" }),
    });
    if (!job.ok) throw new Error("posting failed");
    const listed = await page("sue", "/jobs");
    expect(listed.body).toContain("Too Good To Be True Partner");
    const found = new RegExp(`class="search-hit"[\\s\\S]*href="/jobs/${job.id}"`);
    expect((await page("sue", "/search?q=Too+Good+To+Be+True")).body).toMatch(found);
    expect((await page("sue", `/jobs/${job.id}`)).body).toContain(`/report?kind=job&amp;id=${job.id}`);
    expect((await page("pat", `/jobs/${job.id}`)).body).not.toContain("Report this posting");

    const sue = await as("sue");
    expect(
      (
        await sue.post(`/report?kind=job&id=${job.id}`, {
          reason: "spam",
          details: "Asks for a fee to apply.",
        })
      ).status
    ).toBe(302);
    const queue = await page("staff", "/moderation");
    expect(queue.body).toContain("Too Good To Be True Partner");
    // A plain member may not moderate.
    expect((await page("nick", "/moderation")).status).toBe(404);
    const report = db()
      .select()
      .from(schema.reports)
      .where(and(eq(schema.reports.itemKind, "job"), eq(schema.reports.itemId, job.id)))
      .get()!;
    expect(report.authorId).toBe(ids.pat);
    expect((await page("staff", `/moderation/${report.id}`)).body).toContain("Asks for a fee to apply.");
    expect(
      (
        await (
          await as("staff")
        ).post(`/moderation/${report.id}`, {
          intent: "decide",
          outcome: "hidden",
          note: "",
        })
      ).status
    ).toBe(302);

    expect((await page("sue", "/jobs")).body).not.toContain("Too Good To Be True Partner");
    // Search follows moderation too: members no longer find it; its author and staff still do.
    expect((await page("sue", "/search?q=Too+Good+To+Be+True")).body).not.toMatch(found);
    expect((await page("pat", "/search?q=Too+Good+To+Be+True")).body).toMatch(found);
    expect((await page("sue", `/jobs/${job.id}`)).status).toBe(404);
    expect((await sue.post(`/jobs/${job.id}`, { intent: "apply", note: "Still me" })).status).toBe(404);
    const own = await page("pat", `/jobs/${job.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toContain("Hidden by the moderators");
    expect((await page("pat", "/jobs?mine=1")).body).toContain("Too Good To Be True Partner");
    expect((await page("staff", `/jobs/${job.id}`)).status).toBe(200);
    expect((await page("staff", `/moderation/${report.id}`)).body).toContain("Too Good To Be True Partner");

    // A referral request, reported by the member it was routed to.
    const r = postReferral({
      requester: poster(),
      input: {
        title: "Local counsel for a lease dispute",
        detailsMd: "",
        practiceArea: "Real Estate",
        jurisdiction: "Texas",
        urgency: "soon",
        shareBeyondSeminars: false,
      },
    });
    if (!r.ok) throw new Error("request failed");
    expect(r.routed).toBe(1);
    expect((await page("tex", "/referrals")).body).toContain("Local counsel for a lease dispute");
    expect((await page("tex", `/referrals/${r.id}`)).body).toContain(`/report?kind=referral&amp;id=${r.id}`);
    // Nick shares no seminar with Pat: nothing to report, the same 404 as no such page.
    expect((await page("nick", `/report?kind=referral&id=${r.id}`)).status).toBe(404);
    expect(
      (
        await (
          await as("tex")
        ).post(`/report?kind=referral&id=${r.id}`, {
          reason: "confidential",
          details: "",
        })
      ).status
    ).toBe(302);
    const rr = db()
      .select()
      .from(schema.reports)
      .where(and(eq(schema.reports.itemKind, "referral"), eq(schema.reports.itemId, r.id)))
      .get()!;
    expect(
      (
        await (
          await as("staff")
        ).post(`/moderation/${rr.id}`, {
          intent: "decide",
          outcome: "hidden",
          note: "",
        })
      ).status
    ).toBe(302);
    expect((await page("tex", "/referrals")).body).not.toContain("Local counsel for a lease dispute");
    expect((await page("tex", `/referrals/${r.id}`)).status).toBe(404);
    expect((await page("pat", `/referrals/${r.id}`)).body).toContain("Hidden by the moderators");
    expect((await page("staff", `/moderation/${rr.id}`)).body).toContain("Local counsel for a lease dispute");
  }, 60_000);
});

describe("standing in the community", () => {
  it("shows accepted answers, seminars and referrals under the member's own choice, counting only what the viewer may see", async () => {
    const d = db();
    // Ivy's accepted answers: one on a network question, one on a question of the Leases seminar Nick is not in.
    const leases = d.select().from(schema.seminars).where(eq(schema.seminars.slug, "leases")).get()!;
    for (const [audience, seminarId] of [
      ["network", null],
      ["seminar", leases.id],
    ] as const) {
      const q = d
        .insert(schema.questions)
        .values({
          seminarId,
          authorId: ids.sue!,
          audience,
          title: `Q ${audience}`,
          bodyMd: "q",
          bodyHtml: "<p>q</p>",
        })
        .returning()
        .get();
      const a = d
        .insert(schema.answers)
        .values({
          questionId: q.id,
          authorId: ids.ivy!,
          bodyMd: "a",
          bodyHtml: "<p>a</p>",
        })
        .returning()
        .get();
      d.update(schema.questions).set({ acceptedAnswerId: a.id }).where(eq(schema.questions.id, q.id)).run();
    }
    // Tex took a referral from Pat (placed through the real flow).
    const r = postReferral({
      requester: poster(),
      input: {
        title: "Lease review",
        detailsMd: "",
        practiceArea: "Real Estate",
        jurisdiction: "Texas",
        urgency: "routine",
        shareBeyondSeminars: true,
      },
    });
    if (!r.ok) throw new Error("request failed");
    expect(
      replyToReferral({
        viewer: { id: ids.tex!, role: "member", name: people.tex },
        referralId: r.id,
        body: "Glad to.",
      }).ok
    ).toBe(true);
    expect(
      markPlaced({
        viewer: poster(),
        referralId: r.id,
        memberId: ids.tex!,
        thanks: "",
      }).ok
    ).toBe(true);

    const bySue = await page("sue", `/people/${ids.ivy}`);
    expect(bySue.body).toContain("Ivy Instructor in the community");
    expect(bySue.body).toMatch(/Accepted answers<\/dt><dd>2</);
    expect(bySue.body).toContain("Commercial Leases Circle");
    expect(bySue.body).toContain("Open Privacy Masterclass");
    // Nick sees the listed seminar and the network answer, nothing of the seminar he is not in.
    const byNick = await page("nick", `/people/${ids.ivy}`);
    expect(byNick.body).toMatch(/Accepted answers<\/dt><dd>1</);
    expect(byNick.body).toContain("/catalogue/open-privacy");
    expect(byNick.body).not.toContain("Commercial Leases Circle");
    expect((await page("nick", `/people/${ids.tex}`)).body).toMatch(/Referrals taken from colleagues<\/dt><dd>1</);
    expect((await page("nick", `/people/${ids.pat}`)).body).toMatch(/Referrals placed with colleagues<\/dt><dd>1</);

    // Ivy keeps it to herself: nobody else sees the section, she still does.
    d.update(schema.profiles).set({ visStanding: "me" }).where(eq(schema.profiles.userId, ids.ivy!)).run();
    expect((await page("sue", `/people/${ids.ivy}`)).body).not.toContain("in the community");
    expect((await page("ivy", `/people/${ids.ivy}`)).body).toContain("Ivy Instructor in the community");
    // The choice is on the privacy settings page like every other field.
    expect((await page("ivy", "/profile/settings")).body).toContain("Your standing: accepted answers, seminars, referrals");
  }, 60_000);
});

describe("Your data", () => {
  it("includes careers data and the direct messages the member sent or received, and nobody else's conversations", async () => {
    const sueV = { id: ids.sue!, role: "member" as const };
    const patV = { id: ids.pat!, role: "member" as const };
    const texV = { id: ids.tex!, role: "member" as const };
    const job = postJob({
      poster: poster(),
      input: jobInput({ title: "Export Counsel" }),
    });
    if (!job.ok) throw new Error("posting failed");
    const sue = await as("sue");
    expect(
      (
        await sue.post(`/jobs/${job.id}`, {
          intent: "apply",
          note: "Pick me, says Sue.",
          shareProfile: "on",
        })
      ).status
    ).toBe(302);
    expect((await sue.post(`/jobs/${job.id}`, { intent: "save" })).status).toBe(302);

    const withPat = startConversation({
      sender: patV,
      recipientIds: [ids.sue!],
      bodyMd: "Hello Sue, from Pat.",
    });
    if (!withPat.ok) throw new Error(withPat.error);
    expect(
      sendMessage({
        sender: sueV,
        conversationId: withPat.conversationId,
        bodyMd: "Hi Pat, Sue here.",
      }).ok
    ).toBe(true);
    const others = startConversation({
      sender: patV,
      recipientIds: [ids.tex!],
      bodyMd: "Between Pat and Tex only.",
    });
    expect(others.ok).toBe(true);
    const group = startConversation({
      sender: texV,
      recipientIds: [ids.sue!, ids.pat!],
      bodyMd: "Group hello from Tex.",
    });
    if (!group.ok) throw new Error(group.error);
    leaveConversation({
      userId: ids.sue!,
      conversationId: group.conversationId,
      now: Date.now(),
    });
    expect(
      sendMessage({
        sender: texV,
        conversationId: group.conversationId,
        bodyMd: "After Sue left.",
        now: Date.now() + 1000,
      }).ok
    ).toBe(true);

    expect((await page("sue", "/account/data")).body).toContain("direct messages you sent or received");
    const res = await sue.get("/account/data.json");
    expect(res.status).toBe(200);
    const data = await res.json();
    const text = JSON.stringify(data);
    expect(data.careers.jobApplications.map((a: { title: string; note: string }) => [a.title, a.note])).toContainEqual([
      "Export Counsel",
      "Pick me, says Sue.",
    ]);
    expect(data.careers.savedJobs.map((s: { title: string }) => s.title)).toContain("Export Counsel");
    const convo = data.messages.find((c: { conversation: number }) => c.conversation === withPat.conversationId);
    expect(convo.with).toEqual(["Pat Poster"]);
    expect(convo.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([
      ["Pat Poster", "Hello Sue, from Pat."],
      ["you", "Hi Pat, Sue here."],
    ]);
    expect(text).toContain("Group hello from Tex.");
    expect(text).not.toContain("After Sue left.");
    expect(text).not.toContain("Between Pat and Tex only.");

    // The poster's export holds the application received; Tex's the referral conversation and its placement.
    const patData = await (await (await as("pat")).get("/account/data.json")).json();
    const posting = patData.careers.jobPostings.find((p: { title: string }) => p.title === "Export Counsel");
    expect(posting.applicationsReceived).toEqual([
      expect.objectContaining({
        applicant: "Sue Saver",
        note: "Pick me, says Sue.",
        sharedProfile: true,
      }),
    ]);
    expect(patData.careers.referralRequests.find((r: { title: string }) => r.title === "Lease review").placedWith).toBe("Tex Counsel");
    const texData = await (await (await as("tex")).get("/account/data.json")).json();
    const answered = texData.careers.referralsYouAnswered.find((r: { title: string }) => r.title === "Lease review");
    expect(answered.messages.map((m: { from: string; body: string }) => [m.from, m.body])).toEqual([["you", "Glad to."]]);
    expect(JSON.stringify(texData)).toContain("Between Pat and Tex only.");

    // A member Sue blocked: what they write afterwards is not in her export.
    setBlocked({ userId: ids.sue!, otherId: ids.pat!, blocked: true });
    db()
      .insert(schema.messages)
      .values({
        conversationId: withPat.conversationId,
        authorId: ids.pat!,
        bodyMd: "Blocked words.",
        bodyHtml: "<p>Blocked words.</p>",
      })
      .run();
    expect(JSON.stringify(await (await sue.get("/account/data.json")).json())).not.toContain("Blocked words.");
    // Nobody is signed in: no export.
    expect((await new Client(server.url).get("/account/data.json")).status).toBe(302);
  }, 60_000);
});
