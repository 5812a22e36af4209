// Schedules and calendar feeds (issue #5), read back with a real iCalendar parser (ical.js): stable UIDs, UTC times,
// escaping and folding; the personal subscription URL is secret, rotatable and revocable.
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "a long enough password 1";
let server: TestServer;
let instructor: Client;
let attendee: Client;
const SLUG = "deposition-skills";

function events(ics: string) {
  const cal = new ICAL.Component(ICAL.parse(ics));
  return cal.getAllSubcomponents("vevent").map((c) => {
    const e = new ICAL.Event(c);
    return {
      uid: e.uid,
      summary: e.summary,
      description: e.description,
      location: e.location,
      sequence: e.sequence,
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
      utc: e.startDate.zone?.tzid === "UTC",
    };
  });
}

function expectWellFormed(ics: string) {
  expect(ics.endsWith("\r\n")).toBe(true);
  expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
  for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
}

beforeAll(async () => {
  server = await startTestServer({ label: "calendar" });
  const teacher = await createUser(server.db, { email: "teacher@example.com", name: "Tess Teacher", password: PASSWORD });
  const student = await createUser(server.db, { email: "student@example.com", name: "Sam Student", password: PASSWORD });
  const start = new Date("2027-03-15T14:00:00Z");
  const s = createSeminar(server.db, {
    slug: SLUG,
    title: "Deposition Skills, Advanced; Day One",
    timeZone: "America/Chicago",
    startsAt: start,
    endsAt: new Date(start.getTime() + 8 * 3600_000),
    venue: "Chicago Center, Room 4",
  });
  addMember(server.db, { seminarId: s.id, userId: teacher.id, role: "instructor" });
  addMember(server.db, { seminarId: s.id, userId: student.id, role: "attendee" });
  const other = createSeminar(server.db, { slug: "other-seminar", title: "Evidence Refresher", venue: "Online" });
  addMember(server.db, { seminarId: other.id, userId: student.id, role: "attendee" });
  createSeminar(server.db, { slug: "not-mine", title: "Secret Strategy Retreat", venue: "Somewhere" });
  instructor = new Client(server.url);
  await instructor.signIn("teacher@example.com", PASSWORD);
  attendee = new Client(server.url);
  await attendee.signIn("student@example.com", PASSWORD);
});
afterAll(() => server?.stop());

describe("the schedule and its calendar feeds", () => {
  let firstUid = "";

  it("refuses a session that ends before it starts, at the field, and saves nothing", async () => {
    const res = await instructor.post(`/s/${SLUG}/schedule/new`, {
      intent: "save",
      title: "Backwards",
      startsAt: "2027-03-15T10:00",
      endsAt: "2027-03-15T09:00",
      speaker: "",
      room: "",
      meetingUrl: "",
      description: "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toMatch(/id="f-endsAt-error"[^>]*>The end must come after the start\./);
    expect(html).toContain('value="Backwards"');
    expect(server.db.$client.prepare("select count(*) n from seminar_sessions").get()).toEqual({ n: 0 });
  });

  it("sessions typed on the seminar's clock come out in UTC, escaped and folded, parsed by ical.js", async () => {
    const longTitle = "Taking the expert's deposition: Daubert, Rule 702; and “hot-tubbing” — über alles, again and again";
    for (const s of [
      { title: longTitle, startsAt: "2027-03-15T09:00", endsAt: "2027-03-15T10:30", speaker: "Judge Ana Ruiz", room: "Room 4, east wing", description: "Bring:\n- the expert report\n- a pen; two, really" },
      { title: "Lunch", startsAt: "2027-03-15T12:00", endsAt: "2027-03-15T13:00", speaker: "", room: "", description: "" },
    ]) {
      const res = await instructor.post(`/s/${SLUG}/schedule/new`, { intent: "save", meetingUrl: "", ...s });
      expect(res.status).toBe(302);
    }
    const res = await attendee.get(`/s/${SLUG}/calendar.ics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const ics = await res.text();
    expectWellFormed(ics);
    const list = events(ics);
    expect(list).toHaveLength(2);
    const first = list[0]!;
    // 09:00 in Chicago on 15 March 2027 (daylight time, UTC-5) is 14:00 UTC.
    expect(first.start).toBe("2027-03-15T14:00:00.000Z");
    expect(first.end).toBe("2027-03-15T15:30:00.000Z");
    expect(first.utc).toBe(true);
    expect(first.summary).toBe(`${longTitle} · Deposition Skills, Advanced; Day One`);
    expect(first.description).toContain("Bring:\n- the expert report\n- a pen; two, really");
    expect(first.location).toBe("Room 4, east wing · Chicago Center, Room 4");
    expect(first.sequence).toBe(0);
    firstUid = first.uid;
    expect(firstUid).toMatch(/^session-\d+@/);
  });

  it("an edited session keeps its UID and raises its SEQUENCE", async () => {
    const id = /session-(\d+)@/.exec(firstUid)![1];
    const res = await instructor.post(`/s/${SLUG}/schedule/${id}`, {
      intent: "save",
      title: "Taking the expert's deposition",
      startsAt: "2027-03-15T09:30",
      endsAt: "2027-03-15T11:00",
      speaker: "Judge Ana Ruiz",
      room: "Room 5",
      meetingUrl: "",
      description: "",
    });
    expect(res.status).toBe(302);
    const list = events(await (await attendee.get(`/s/${SLUG}/calendar.ics`)).text());
    const edited = list.find((e) => e.uid === firstUid)!;
    expect(edited.summary).toBe("Taking the expert's deposition · Deposition Skills, Advanced; Day One");
    expect(edited.start).toBe("2027-03-15T14:30:00.000Z");
    expect(edited.sequence).toBe(1);
  });

  it("the schedule page names the seminar's zone (what a visitor without JavaScript sees)", async () => {
    const html = await (await attendee.get(`/s/${SLUG}/schedule`)).text();
    expect(html).toContain("Central Daylight Time");
    expect(html).toContain("America/Chicago");
    expect(html).toContain("9:30 AM – 11:00 AM");
  });

  it("a personal subscription covers all of the member's seminars and nothing else; it can be rotated and revoked", async () => {
    const page = await attendee.post("/calendar", { intent: "create" });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const url = new URL(/value="(http[^"]+\.ics)"/.exec(await page.text())![1]!);
    const token = /\/calendar\/([^/]+)\.ics$/.exec(url.pathname)![1]!;
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = server.db.$client.prepare("select token_hash from calendar_tokens").all() as { token_hash: string }[];
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    // A calendar app fetches it without any cookie.
    const feed = await fetch(new URL(url.pathname, server.url));
    expect(feed.status).toBe(200);
    expect(feed.headers.get("cache-control")).toMatch(/^private/);
    const ics = await feed.text();
    expectWellFormed(ics);
    const summaries = events(ics).map((e) => e.summary);
    expect(summaries.some((s) => s.startsWith("Taking the expert's deposition"))).toBe(true);
    expect(summaries).toContain("Evidence Refresher");
    expect(ics).not.toContain("Secret Strategy Retreat");
    // The same UIDs as the seminar's own file.
    expect(events(ics).map((e) => e.uid)).toContain(firstUid);

    // Rotating: the old link stops working at once, the new one works.
    const again = await attendee.post("/calendar", { intent: "create" });
    const url2 = new URL(/value="(http[^"]+\.ics)"/.exec(await again.text())![1]!);
    expect(url2.pathname).not.toBe(url.pathname);
    expect((await fetch(new URL(url.pathname, server.url))).status).toBe(404);
    expect((await fetch(new URL(url2.pathname, server.url))).status).toBe(200);

    // Revoking: no link works.
    const status = await (await attendee.get("/calendar")).text();
    expect(status).toContain("A subscription link is active");
    await attendee.post("/calendar", { intent: "revoke" });
    expect((await fetch(new URL(url2.pathname, server.url))).status).toBe(404);
    expect(await (await attendee.get("/calendar")).text()).toContain("You have no subscription link.");
    // Guessing gets nothing either.
    expect((await fetch(new URL(`/calendar/${"A".repeat(43)}.ics`, server.url))).status).toBe(404);
  });

  it("a removed session leaves the schedule, the seminar's file and subscribed calendars; attendees cannot remove one", async () => {
    const created = await instructor.post(`/s/${SLUG}/schedule/new`, {
      intent: "save",
      title: "Cancelled breakout",
      startsAt: "2027-03-15T15:00",
      endsAt: "2027-03-15T16:00",
      speaker: "",
      room: "",
      meetingUrl: "",
      description: "",
    });
    expect(created.status).toBe(302);
    const page = await attendee.post("/calendar", { intent: "create" });
    const feedPath = new URL(/value="(http[^"]+\.ics)"/.exec(await page.text())![1]!).pathname;
    const uidOf = (ics: string) => events(ics).find((e) => e.summary.startsWith("Cancelled breakout"))?.uid;
    const uid = uidOf(await (await attendee.get(`/s/${SLUG}/calendar.ics`)).text());
    expect(uid).toMatch(/^session-\d+@/);
    expect(uidOf(await (await fetch(new URL(feedPath, server.url))).text())).toBe(uid);
    const id = /session-(\d+)@/.exec(uid!)![1];

    // The edit page asks for a deliberate second step before removing.
    const edit = await (await instructor.get(`/s/${SLUG}/schedule/${id}`)).text();
    expect(edit).toMatch(/<details[^>]*>\s*<summary>Remove this session…<\/summary>/);

    expect((await attendee.post(`/s/${SLUG}/schedule/${id}`, { intent: "delete" })).status).toBe(403);
    expect(uidOf(await (await attendee.get(`/s/${SLUG}/calendar.ics`)).text())).toBe(uid);

    const removed = await instructor.post(`/s/${SLUG}/schedule/${id}`, { intent: "delete" });
    expect(removed.status).toBe(302);
    expect(await (await attendee.get(`/s/${SLUG}/schedule`)).text()).not.toContain("Cancelled breakout");
    expect(uidOf(await (await attendee.get(`/s/${SLUG}/calendar.ics`)).text())).toBeUndefined();
    expect(uidOf(await (await fetch(new URL(feedPath, server.url))).text())).toBeUndefined();
    expect((await instructor.get(`/s/${SLUG}/schedule/${id}`)).status).toBe(404);
  });
});
