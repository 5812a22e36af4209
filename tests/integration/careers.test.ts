// Issue #18: careers and referrals in process against a real SQLite file: who a referral request reaches (and who it
// does not), the weekly cap, private conversations, "placed" and the thanks under the member's own visibility choice,
// job postings matched and notified, applications refused once closed or expired, expiry, and the spine's visibility.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { canSee } from "~/models/items.server";
import { db } from "~/models/db.server";
import { applyToJob, closeJob, expireJobs, jobForViewer, listJobs, postJob } from "~/models/job-postings.server";
import { profileFor } from "~/models/profile.server";
import { searchDirectory } from "~/models/directory.server";
import { saveServicesAndSkills } from "~/models/profile-skills.server";
import {
  REFERRAL_WEEKLY_CAP,
  markPlaced,
  postReferral,
  referralForViewer,
  referralOverview,
  referralThanksFor,
  replyToReferral,
  type ReferralInput,
} from "~/models/referrals.server";
import { jobSchema } from "~/routes/jobs._index/careers-forms.server";
import { search, searchScopeForUser } from "~/models/search.server";
import { jobInput } from "../helpers/careers";

const DAY = 86400_000;
const notes = (userId: number) => db().select().from(schema.notifications).where(eq(schema.notifications.userId, userId)).all();

async function member(name: string, opts: { referrals?: boolean; opportunities?: boolean; area?: string; jurisdiction?: string } = {}) {
  const u = await createUser(db(), { name, email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.com` });
  db()
    .insert(schema.profiles)
    .values({ userId: u.id, openToReferrals: opts.referrals ?? false, openToOpportunities: opts.opportunities ?? false })
    .onConflictDoUpdate({ target: schema.profiles.userId, set: { openToReferrals: opts.referrals ?? false, openToOpportunities: opts.opportunities ?? false } })
    .run();
  if (opts.area) db().insert(schema.profileAreas).values({ userId: u.id, kind: "area", value: opts.area }).run();
  if (opts.jurisdiction) db().insert(schema.barAdmissions).values({ userId: u.id, jurisdiction: opts.jurisdiction }).run();
  return u;
}

const job = jobInput;

const referral = (over: Partial<ReferralInput> = {}): ReferralInput => ({
  title: "Local counsel in Texas for a commercial lease dispute",
  detailsMd: "Two weeks, starting Monday.",
  practiceArea: "Real Estate",
  jurisdiction: "Texas",
  urgency: "soon",
  shareBeyondSeminars: true,
  ...over,
});

describe("referral requests", () => {
  it("reach matching members who are open to referrals, and nobody else; answers stay private; placed and thanks", async () => {
    const asker = await member("Ada Asker");
    const match = await member("Tex Match", { referrals: true, area: "Real Estate", jurisdiction: "Texas" });
    const closed = await member("Nora Notopen", { referrals: false, area: "Real Estate", jurisdiction: "Texas" });
    const wrongPlace = await member("Cal Elsewhere", { referrals: true, area: "Real Estate", jurisdiction: "California" });
    const second = await member("Sam Second", { referrals: true, area: "Real Estate", jurisdiction: "Texas" });
    // Open to referrals and matching, but paused (issue #15's participation mode): not asked.
    const paused = await member("Pat Paused", { referrals: true, area: "Real Estate", jurisdiction: "Texas" });
    db().insert(schema.participation).values({ userId: paused.id, mode: "paused" }).run();

    const r = postReferral({ requester: asker, input: referral() });
    expect(r.ok && r.routed).toBe(2);
    const id = r.ok ? r.id : 0;
    expect(notes(match.id).map((n) => [n.event, n.topic])).toEqual([["referral.routed", "referrals"]]);
    expect(notes(second.id)).toHaveLength(1);
    expect(notes(closed.id)).toHaveLength(0);
    expect(notes(wrongPlace.id)).toHaveLength(0);
    expect(notes(paused.id)).toHaveLength(0);
    expect(referralOverview({ viewer: match }).routed.map((x) => x.id)).toEqual([id]);
    expect(referralOverview({ viewer: wrongPlace }).routed).toEqual([]);
    // Counted once, in the one place that counts.
    expect(db().select().from(schema.memberDailyCounts).where(eq(schema.memberDailyCounts.userId, asker.id)).all().map((c) => c.counter)).toContain(
      "referral.requested",
    );

    // Two private conversations: neither member sees the other's.
    expect(replyToReferral({ viewer: match, referralId: id, body: "I can take it; my rate is…" }).ok).toBe(true);
    expect(replyToReferral({ viewer: second, referralId: id, body: "Available too." }).ok).toBe(true);
    expect(notes(asker.id).map((n) => n.event)).toEqual(["referral.answered", "referral.answered"]);
    const seenByMatch = referralForViewer({ viewer: match, id })!;
    expect(seenByMatch.threads.flatMap((t) => t.messages.map((m) => m.body))).toEqual(["I can take it; my rate is…"]);
    const seenByAsker = referralForViewer({ viewer: asker, id })!;
    expect(seenByAsker.threads.map((t) => t.member.name).sort()).toEqual(["Sam Second", "Tex Match"]);
    // The requester shares the client's name in one conversation only.
    expect(replyToReferral({ viewer: asker, referralId: id, memberId: match.id, body: "The client is Globex Corp." }).ok).toBe(true);
    expect(JSON.stringify(referralForViewer({ viewer: second, id }))).not.toContain("Globex");
    // The requester cannot open a conversation nobody started.
    expect(replyToReferral({ viewer: asker, referralId: id, memberId: closed.id, body: "Hi" })).toMatchObject({ ok: false, status: 404 });

    // Placed with someone who never answered: refused. With Tex: done, and the thanks shows on his profile.
    expect(markPlaced({ viewer: asker, referralId: id, memberId: wrongPlace.id, thanks: "" }).ok).toBe(false);
    expect(markPlaced({ viewer: second, referralId: id, memberId: second.id, thanks: "" }).ok).toBe(false);
    expect(markPlaced({ viewer: asker, referralId: id, memberId: match.id, thanks: "Quick, thorough, and kind." }).ok).toBe(true);
    expect(referralThanksFor({ memberId: match.id }).map((t) => t.thanks)).toEqual(["Quick, thorough, and kind."]);
    expect(notes(match.id).map((n) => n.event)).toContain("referral.placed");
    // Placed: a member who never answered can no longer start a conversation.
    expect(replyToReferral({ viewer: second, referralId: id, body: "Still there?" }).ok).toBe(true); // own conversation continues
    const late = await member("Lou Late", { referrals: true, area: "Real Estate", jurisdiction: "Texas" });
    expect(replyToReferral({ viewer: late, referralId: id, body: "Me!" })).toMatchObject({ ok: false });

    // The thanks shows only to those the member allows (profileFor decides).
    const stranger = await member("Stu Stranger");
    expect(profileFor(stranger, match.id)?.showsReferralThanks).toBe(true);
    db().update(schema.profiles).set({ visReferralThanks: "me" }).where(eq(schema.profiles.userId, match.id)).run();
    expect(profileFor(stranger, match.id)?.showsReferralThanks).toBeUndefined();
    expect(profileFor(match, match.id)?.showsReferralThanks).toBe(true);
  });

  it("within the requester's seminars unless shared beyond, and at most the weekly cap per member", async () => {
    const asker = await member("Bea Asker");
    const mate = await member("Mo Mate", { referrals: true, area: "Tax", jurisdiction: "New York" });
    const outsider = await member("Oz Outsider", { referrals: true, area: "Tax", jurisdiction: "New York" });
    const s = createSeminar(db(), { title: "Tax Circle" });
    addMember(db(), { seminarId: s.id, userId: asker.id });
    addMember(db(), { seminarId: s.id, userId: mate.id });

    const outside = postReferral({ requester: asker, input: referral({ title: "Zoning counsel wanted", practiceArea: "Tax", jurisdiction: "Ohio" }) });
    const inSearch = (q: string) => search({ q, scope: searchScopeForUser({ userId: outsider.id }) }).hits.map((h) => h.href);
    expect(inSearch("Zoning counsel")).toEqual([`/referrals/${outside.ok ? outside.id : 0}`]);
    const inside = postReferral({ requester: asker, input: referral({ practiceArea: "Tax", jurisdiction: "New York", shareBeyondSeminars: false }) });
    expect(inside.ok && inside.routed).toBe(1);
    const id = inside.ok ? inside.id : 0;
    expect(canSee(mate, { kind: "referral", id })).toBe(true);
    expect(canSee(outsider, { kind: "referral", id })).toBe(false);
    expect(referralOverview({ viewer: outsider }).open.map((x) => x.id)).not.toContain(id);
    expect(replyToReferral({ viewer: outsider, referralId: id, body: "hello" })).toMatchObject({ ok: false, status: 404 });
    // Kept within the seminar: not in search for anyone outside it.
    expect(inSearch("lease dispute")).toEqual([]);

    // The cap: Oz receives REFERRAL_WEEKLY_CAP requests in a week, then no more (from several askers, under the hourly limit).
    let routedToOz = 0;
    for (let i = 0; i < REFERRAL_WEEKLY_CAP + 2; i++) {
      const a = await member(`Asker ${i}`);
      postReferral({ requester: a, input: referral({ practiceArea: "Tax", jurisdiction: "New York" }) });
      routedToOz = db().select().from(schema.referralRoutes).where(eq(schema.referralRoutes.userId, outsider.id)).all().length;
    }
    expect(routedToOz).toBe(REFERRAL_WEEKLY_CAP);
  });

  it("limits bursts of requests", async () => {
    const asker = await member("Burst Asker");
    const results = Array.from({ length: 7 }, () => postReferral({ requester: asker, input: referral({ practiceArea: "Tax", jurisdiction: "Ohio" }) }));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.at(-1)).toMatchObject({ ok: false });
  });
});

describe("job postings", () => {
  it("are listed and filtered, notify matching members open to opportunities, and take applications until they close", async () => {
    const poster = await member("Pat Poster");
    const seeker = await member("Sue Seeker", { opportunities: true, area: "Privacy and Data Protection", jurisdiction: "Texas" });
    const notLooking = await member("Nick Notlooking", { opportunities: false, area: "Privacy and Data Protection", jurisdiction: "Texas" });
    const other = await member("Otto Other", { opportunities: true, area: "Tax", jurisdiction: "Texas" });

    const posted = postJob({ poster, input: job() });
    expect(posted.ok).toBe(true);
    const id = posted.ok ? posted.id : 0;
    postJob({ poster, input: job({ title: "Remote Tax Associate", areas: ["Tax"], jurisdictions: [], remote: true, location: "" }) });
    expect(notes(seeker.id).map((n) => [n.event, n.topic, n.delivery])).toEqual([["job.matched", "jobs", "weekly"]]);
    expect(notes(notLooking.id)).toHaveLength(0);
    expect(notes(other.id).map((n) => n.event)).toEqual(["job.matched"]); // the tax one

    const titles = (filters: Parameters<typeof listJobs>[0]["filters"]) => listJobs({ viewer: seeker, filters }).jobs.map((j) => j.title);
    expect(titles({ area: "Privacy and Data Protection", jurisdiction: "Texas" })).toEqual(["Senior Privacy Counsel"]);
    expect(titles({ remote: true })).toEqual(["Remote Tax Associate"]);
    expect(listJobs({ viewer: seeker, filters: {} }).jobs.find((j) => j.id === id)?.matchesMe).toBe(true);
    // In the one search index, for every member (no seminar needed), until the posting closes.
    const found = (who: { id: number }) => search({ q: "Privacy Counsel Acme", scope: searchScopeForUser({ userId: who.id }) }).hits.map((h) => h.href);
    expect(found(notLooking)).toEqual([`/jobs/${id}`]);

    expect(applyToJob({ viewer: poster, jobId: id, note: "me", shareProfile: false }).ok).toBe(false);
    expect(applyToJob({ viewer: seeker, jobId: id, note: "I would love to.", shareProfile: true })).toEqual({ ok: true });
    expect(applyToJob({ viewer: seeker, jobId: id, note: "Again", shareProfile: true })).toMatchObject({ ok: false, status: 409 });
    expect(applyToJob({ viewer: other, jobId: id, note: "Private note", shareProfile: false }).ok).toBe(true);
    expect(notes(poster.id).filter((n) => n.event === "job.applied")).toHaveLength(2);

    // The poster sees both applications, but a profile only for the one who shared it; an applicant sees none.
    const view = jobForViewer({ viewer: poster, id })!;
    expect(view.applications!.map((a) => [a.name, a.profile ? "profile" : "no profile"])).toEqual([
      ["Sue Seeker", "profile"],
      ["Otto Other", "no profile"],
    ]);
    expect(JSON.stringify(view)).not.toContain("Nick Notlooking");
    expect(jobForViewer({ viewer: seeker, id })!.applications).toBeNull();

    // Closed by the poster: no longer listed or open to others, still visible to its applicants.
    expect(closeJob({ viewer: seeker, jobId: id })).toBe(false);
    expect(closeJob({ viewer: poster, jobId: id })).toBe(true);
    expect(found(notLooking)).toEqual([]);
    expect(applyToJob({ viewer: notLooking, jobId: id, note: "late", shareProfile: false })).toMatchObject({ ok: false, status: 404 });
    expect(canSee(notLooking, { kind: "job", id })).toBe(false);
    expect(canSee(seeker, { kind: "job", id })).toBe(true);
  });

  it("expire by themselves at their closing date", async () => {
    const poster = await member("Exp Poster");
    const seeker = await member("Exp Seeker");
    const r = postJob({ poster, input: job({ title: "Short-lived Clerkship", closesAt: new Date(Date.now() + 60_000) }) });
    const id = r.ok ? r.id : 0;
    expect(listJobs({ viewer: seeker, filters: {} }).jobs.map((j) => j.id)).toContain(id);
    const later = Date.now() + 120_000;
    expect(listJobs({ viewer: seeker, filters: {}, now: later }).jobs.map((j) => j.id)).not.toContain(id);
    expect(applyToJob({ viewer: seeker, jobId: id, note: "x", shareProfile: false, now: later })).toMatchObject({ ok: false });
    expect(expireJobs(later)).toBeGreaterThanOrEqual(1);
    expect(db().select().from(schema.jobPostings).where(eq(schema.jobPostings.id, id)).get()!.status).toBe("expired");
    expect(canSee(seeker, { kind: "job", id })).toBe(false);
    expect(expireJobs(later)).toBe(0);
  });

  it("accept only http(s) apply links and limit bursts", async () => {
    const form = (over: Record<string, string>) => {
      const fd = new FormData();
      const base: Record<string, string> = {
        title: "T",
        organisation: "O",
        location: "L",
        areas: "Tax",
        seniority: "any",
        employmentType: "contract",
        applyMode: "link",
        applyUrl: "https://example.com/apply",
        closesAt: new Date(Date.now() + 5 * DAY).toISOString().slice(0, 10),
      };
      for (const [k, v] of Object.entries({ ...base, ...over })) fd.set(k, v);
      return Object.fromEntries(fd);
    };
    expect(jobSchema().safeParse(form({})).success).toBe(true);
    const bad = jobSchema().safeParse(form({ applyUrl: "javascript:alert(1)" }));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["applyUrl"]);
    expect(jobSchema().safeParse(form({ closesAt: "2001-01-01" })).success).toBe(false);

    const poster = await member("Burst Poster");
    const results = Array.from({ length: 11 }, (_, i) => postJob({ poster, input: job({ title: `Role ${i}` }) }));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
  });
});

describe("services and skills", () => {
  it("show on the profile under the member's own visibility choice", async () => {
    const m = await member("Skill Ful");
    const s = createSeminar(db(), { title: "Skills Seminar" });
    const mate = await member("Class Mate");
    const stranger = await member("Far Away");
    addMember(db(), { seminarId: s.id, userId: m.id });
    addMember(db(), { seminarId: s.id, userId: mate.id });
    saveServicesAndSkills({ userId: m.id, input: { skillLanguages: "English, Spanish", skillIndustries: "Energy", notableMatters: "", availability: "From March" } });
    expect(profileFor(stranger, m.id)?.services).toEqual({ languages: "English, Spanish", industries: "Energy", availability: "From March" });
    db().update(schema.profiles).set({ visServices: "classmates" }).where(and(eq(schema.profiles.userId, m.id))).run();
    expect(profileFor(stranger, m.id)?.services).toBeUndefined();
    expect(profileFor(mate, m.id)?.services?.languages).toBe("English, Spanish");

    // The directory filters by "open to new opportunities" only where the member lets the viewer see it
    // (people in their seminars, by default).
    db().update(schema.profiles).set({ openToOpportunities: true }).where(eq(schema.profiles.userId, m.id)).run();
    const found = (viewer: { id: number; role: "admin" | "member" }) => searchDirectory(viewer, { q: "Skill", opportunities: true }).members.map((x) => x.id);
    expect(found(mate)).toEqual([m.id]);
    expect(found(stranger)).toEqual([]);
  });
});
