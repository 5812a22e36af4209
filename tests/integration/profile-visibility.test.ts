// The one visibility decision (profileFor), table-driven: every field × every visibility level × every viewer kind.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { COUNT_CAP, PAGE_SIZE, searchDirectory } from "~/models/directory.server";
import { mailChoice } from "~/models/preferences.server";
import { PROFILE_FIELDS, defaultProfile, memberNames, profileFor, type VisibleProfile } from "~/models/profile.server";
import { addMember, createSeminar, createUser } from "../../db/factories";
import { barAdmissions, profileAreas, profiles, users, type Visibility } from "../../db/schema";

type Kind = "self" | "classmate" | "instructor" | "instructorElsewhere" | "other" | "admin";
const KINDS: Kind[] = ["self", "classmate", "instructor", "instructorElsewhere", "other", "admin"];

/** Who may see a field at each level: the specification, written out by hand. */
const EXPECTED: Record<Visibility, Record<Kind, boolean>> = {
  network: { self: true, classmate: true, instructor: true, instructorElsewhere: true, other: true, admin: true },
  classmates: { self: true, classmate: true, instructor: true, instructorElsewhere: false, other: false, admin: true },
  instructors: { self: true, classmate: false, instructor: true, instructorElsewhere: false, other: false, admin: true },
  me: { self: true, classmate: false, instructor: false, instructorElsewhere: false, other: false, admin: false },
};

/** Where each field shows up in what profileFor returns, and a value unique enough to grep for. */
const PROBES: Record<string, { read: (v: VisibleProfile) => unknown; secret: string }> = {
  photo: { read: (v) => v.photoUrl, secret: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".slice(-12) },
  addressAs: { read: (v) => v.addressAs, secret: "Counsellor Zephyrine" },
  headline: { read: (v) => v.headline, secret: "Quuxheadline maritime" },
  firm: { read: (v) => v.firm, secret: "Zanzibar Vellichor LLP" },
  jobTitle: { read: (v) => v.jobTitle, secret: "Wombat Partner" },
  location: { read: (v) => v.city, secret: "Xylopolis" },
  practiceAreas: { read: (v) => v.practiceAreas, secret: "Aviation" },
  jurisdictions: { read: (v) => v.jurisdictions, secret: "Wyoming" },
  barNumbers: { read: (v) => v.jurisdictions?.[0]?.barNumber, secret: "BAR-778899" },
  yearsInPractice: { read: (v) => v.yearsInPractice, secret: "\"yearsInPractice\":43" },
  bio: { read: (v) => v.bioHtml, secret: "Flibbertigibbet" },
  links: { read: (v) => v.links, secret: "linkprobe.example" },
  email: { read: (v) => v.email, secret: "probe.contact@firmprobe.example" },
  phone: { read: (v) => v.phone, secret: "+1 555 0199 4242" },
  preferredContact: { read: (v) => v.preferredContact, secret: "\"preferredContact\":\"phone\"" },
  openToReferrals: { read: (v) => v.openToReferrals, secret: "\"openToReferrals\":true" },
  openToOpportunities: { read: (v) => v.openToOpportunities, secret: "\"openToOpportunities\":true" },
  services: { read: (v) => v.services, secret: "Esperantoprobe" },
  referralThanks: { read: (v) => v.showsReferralThanks, secret: "\"showsReferralThanks\":true" },
  standing: { read: (v) => v.showsStanding, secret: "\"showsStanding\":true" },
};

const viewers = {} as Record<Kind, { id: number; role: "admin" | "member" }>;
let memberId = 0;

beforeAll(async () => {
  const d = db();
  const member = await createUser(d, { name: "Morgana Probe", email: "morgana@example.com" });
  memberId = member.id;
  const classmate = await createUser(d, { name: "Clara Classmate" });
  const instructor = await createUser(d, { name: "Ivan Instructor" });
  const elsewhere = await createUser(d, { name: "Elsa Elsewhere" });
  const other = await createUser(d, { name: "Otto Other" });
  const admin = await createUser(d, { name: "Ada Admin", role: "admin" });
  const a = createSeminar(d, { slug: "shared-seminar" });
  const b = createSeminar(d, { slug: "other-seminar" });
  addMember(d, { seminarId: a.id, userId: member.id, role: "attendee" });
  addMember(d, { seminarId: a.id, userId: classmate.id, role: "attendee" });
  addMember(d, { seminarId: a.id, userId: instructor.id, role: "instructor" });
  addMember(d, { seminarId: b.id, userId: elsewhere.id, role: "instructor" });
  addMember(d, { seminarId: b.id, userId: other.id, role: "attendee" });
  Object.assign(viewers, {
    self: { id: member.id, role: "member" },
    classmate: { id: classmate.id, role: "member" },
    instructor: { id: instructor.id, role: "member" },
    instructorElsewhere: { id: elsewhere.id, role: "member" },
    other: { id: other.id, role: "member" },
    admin: { id: admin.id, role: "admin" },
  });
  d.update(profiles)
    .set({
      photoFile: `${"a".repeat(32)}.webp`,
      addressAs: PROBES.addressAs!.secret,
      headline: PROBES.headline!.secret,
      firm: PROBES.firm!.secret,
      jobTitle: PROBES.jobTitle!.secret,
      city: PROBES.location!.secret,
      country: "Freedonia",
      yearsInPractice: 43,
      bioMd: PROBES.bio!.secret,
      bioHtml: `<p>${PROBES.bio!.secret}</p>`,
      firmUrl: "https://linkprobe.example/firm",
      contactEmail: PROBES.email!.secret,
      phone: PROBES.phone!.secret,
      preferredContact: "phone",
      openToReferrals: true,
      openToOpportunities: true,
      skillLanguages: "Esperantoprobe",
    })
    .where(eq(profiles.userId, member.id))
    .run();
  d.insert(profileAreas).values({ userId: member.id, kind: "area", value: "Aviation" }).run();
  d.insert(barAdmissions).values({ userId: member.id, jurisdiction: "Wyoming", barNumber: "BAR-778899", yearAdmitted: 1983 }).run();
});

function setAll(level: Visibility, overrides: Partial<Record<string, Visibility>> = {}) {
  const set = Object.fromEntries(PROFILE_FIELDS.map((f) => [f.column, overrides[f.key] ?? level]));
  db().update(profiles).set(set).where(eq(profiles.userId, memberId)).run();
}

describe("profileFor decides what each viewer sees of a member", () => {
  const cases = PROFILE_FIELDS.flatMap((f) =>
    (Object.keys(EXPECTED) as Visibility[]).map((level) => ({ field: f.key, column: f.column, level })),
  );

  it.each(cases)("$field at “$level”", ({ field, level }) => {
    // Everything else visible to all, so only this field's setting is under test. A bar number also needs its
    // jurisdictions to be visible (it is shown with them), which "network" guarantees here.
    setAll("network", { [field]: level });
    const probe = PROBES[field]!;
    for (const kind of KINDS) {
      const seen = profileFor(viewers[kind], memberId)!;
      expect(seen, `${kind} gets a profile`).not.toBeNull();
      const shown = probe.read(seen) !== undefined;
      expect(shown, `${field} at ${level} for ${kind}`).toBe(EXPECTED[level][kind]);
      // Hidden means absent from the data altogether, not blanked.
      if (!EXPECTED[level][kind]) expect(JSON.stringify(seen)).not.toContain(probe.secret);
      expect(seen.name).toBe("Morgana Probe");
    }
  });

  it("shows a bar number only alongside visible jurisdictions", () => {
    setAll("network", { jurisdictions: "me", barNumbers: "network" });
    const seen = profileFor(viewers.classmate, memberId)!;
    expect(seen.jurisdictions).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain("BAR-778899");
  });

  it("applies the documented defaults: email and phone for instructors, bar number only for the member", () => {
    const fresh = defaultProfile(1);
    expect(fresh.visEmail).toBe("instructors");
    expect(fresh.visPhone).toBe("instructors");
    expect(fresh.visBarNumbers).toBe("me");
    // The code's defaults match the database's column defaults (a new account's row is made by a trigger).
    const row = db().select().from(profiles).where(eq(profiles.userId, viewers.other.id)).get()!;
    const { createdAt: _a, sortKey: _b, userId: _c, ...dbDefaults } = row;
    const { createdAt: _d, sortKey: _e, userId: _f, ...codeDefaults } = fresh;
    expect(dbDefaults).toEqual(codeDefaults);
  });

  it("hides a member who left the directory from people who share no seminar, not from classmates", () => {
    setAll("network");
    db().update(profiles).set({ inDirectory: false }).where(eq(profiles.userId, memberId)).run();
    expect(profileFor(viewers.other, memberId)).toBeNull();
    expect(profileFor(viewers.instructorElsewhere, memberId)).toBeNull();
    expect(profileFor(viewers.classmate, memberId)?.firm).toBe(PROBES.firm!.secret);
    expect(profileFor(viewers.admin, memberId)).not.toBeNull();
    expect(searchDirectory(viewers.other, { q: "Morgana" }).members).toHaveLength(0);
    db().update(profiles).set({ inDirectory: true }).where(eq(profiles.userId, memberId)).run();
    expect(searchDirectory(viewers.other, { q: "Morgana" }).members.map((m) => m.id)).toEqual([memberId]);
  });

  it("never finds a member by a value the searcher may not see", () => {
    setAll("network", { firm: "classmates", bio: "instructors", phone: "me" });
    const ids = (viewer: Kind, q: string) => searchDirectory(viewers[viewer], { q }).members.map((m) => m.id);
    expect(ids("other", "Zanzibar")).toEqual([]);
    expect(ids("classmate", "Zanzibar")).toEqual([memberId]);
    expect(ids("classmate", "Flibbertigibbet")).toEqual([]);
    expect(ids("instructor", "Flibbertigibbet")).toEqual([memberId]);
    expect(ids("admin", "0199 4242")).toEqual([]);
    expect(ids("other", "Wombat")).toEqual([memberId]);
    // Filters too: years in practice only for instructors.
    setAll("network", { yearsInPractice: "instructors" });
    const byYears = (viewer: Kind) => searchDirectory(viewers[viewer], { minYears: 40, maxYears: 50 }).members.map((m) => m.id);
    expect(byYears("other")).toEqual([]);
    expect(byYears("classmate")).toEqual([]);
    expect(byYears("instructor")).toEqual([memberId]);
  });

  it("calls an erased account “Former member” everywhere", async () => {
    const gone = await createUser(db(), { name: "Gone Person" });
    db().update(users).set({ status: "deleted" }).where(eq(users.id, gone.id)).run();
    expect(profileFor(viewers.admin, gone.id)).toMatchObject({ name: "Former member", former: true });
    expect(memberNames([gone.id, memberId]).get(gone.id)).toEqual({ id: gone.id, name: "Former member", former: true });
    expect(memberNames([memberId]).get(memberId)?.href).toBe(`/people/${memberId}`);
  });
});

describe("directory filters match only what the viewer may see", () => {
  // Each filter against each visibility level of its field, for every kind of viewer: the member is found exactly when
  // the viewer may see the value the filter tests (the SQL checks the seminar relation itself, so test it against the
  // same table as profileFor).
  const filters = [
    { field: "practiceAreas", filter: { area: "Aviation" } },
    { field: "jurisdictions", filter: { jurisdiction: "Wyoming" } },
    { field: "yearsInPractice", filter: { minYears: 40, maxYears: 50 } },
    { field: "openToReferrals", filter: { referrals: true } },
    { field: "practiceAreas", filter: { area: "Aviation", jurisdiction: "Wyoming", minYears: 40, referrals: true } },
  ] as const;
  const cases = filters.flatMap((f) => (Object.keys(EXPECTED) as Visibility[]).map((level) => ({ ...f, level })));

  it.each(cases)("$field at “$level” with %o", ({ field, filter, level }) => {
    setAll("network", { [field]: level });
    for (const kind of KINDS) {
      const found = searchDirectory(viewers[kind], filter).members.some((m) => m.id === memberId);
      expect(found, `${kind} finds the member by ${field} at ${level}`).toBe(EXPECTED[level][kind]);
    }
  });
});

describe("a large directory (more matches than are counted)", () => {
  const AREA = "Admiralty";
  let expected: number[] = [];
  let newest: number[] = [];

  beforeAll(() => {
    const sqlite = db().$client;
    // 1,400 members holding the area, in no name order by id, some with names outside ASCII; about a quarter keep
    // their practice areas from people outside their seminars (so an outsider sees ~1,080 of them: above the cap).
    const first = ["Zoë", "Adam", "Émile", "Björn", "Chen", "Øyvind", "Maria", "Lee", "Ana", "Ömer", "Yusuf"];
    const last = ["Quist", "Ångström", "Baker", "Zhang", "Okafor", "Çelik", "Dubois", "Ng", "Müller", "Abbott", "Young"];
    const addUser = sqlite.prepare("insert into users (email, name) values (?, ?)");
    const addArea = sqlite.prepare("insert into profile_areas (user_id, kind, value) values (?, 'area', ?)");
    const setVis = sqlite.prepare("update profiles set vis_practice_areas = ? where user_id = ?");
    sqlite.transaction(() => {
      for (let i = 0; i < 1400; i++) {
        const name = `${first[(i * 7) % first.length]} ${last[(i * 5 + Math.floor(i / 11)) % last.length]} ${(i * 389) % 1400}`;
        const id = Number(addUser.run(`bulk${i}@example.com`, name).lastInsertRowid);
        addArea.run(id, AREA);
        if (i % 5 === 0) setVis.run("classmates", id);
        else if (i % 17 === 0) setVis.run("me", id);
      }
    })();
    // The specification, written plainly: every listed active member whose areas an outsider may see, by name.
    const plain = (order: string) =>
      (
        sqlite
          .prepare(
            `select p.user_id as id from profiles p join profile_areas a on a.user_id = p.user_id and a.kind = 'area' and a.value = ?
             where p.in_directory = 1 and p.active = 1 and p.vis_practice_areas = 'network' order by ${order}`,
          )
          .all(AREA) as { id: number }[]
      ).map((r) => r.id);
    expected = plain("p.sort_key, p.user_id");
    newest = plain("p.user_id desc");
    expect(expected.length).toBeGreaterThan(COUNT_CAP);
  });

  it("says there are more than it counted and pages through every match in name order", () => {
    const viewer = viewers.other;
    const last = Math.ceil(expected.length / PAGE_SIZE);
    const first = searchDirectory(viewer, { area: AREA }, 1);
    expect(first).toMatchObject({ total: COUNT_CAP, more: true, page: 1 });
    expect(first.members.map((m) => m.id)).toEqual(expected.slice(0, PAGE_SIZE));
    // Every page, early (counted to the cap), near the end (counted exactly) and the last (a deep page), holds the
    // members the plain query puts there, and together they are all of them, once.
    const seen: number[] = [];
    for (let page = 1; page <= last; page++) {
      const r = searchDirectory(viewer, { area: AREA }, page);
      expect(r.page).toBe(page);
      expect(r.members.map((m) => m.id), `page ${page}`).toEqual(expected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
      seen.push(...r.members.map((m) => m.id));
      if (!r.more) expect(r).toMatchObject({ total: expected.length, pages: last });
    }
    expect(seen).toEqual(expected);
    // Past the end: the last page, with the exact count.
    expect(searchDirectory(viewer, { area: AREA }, last + 50)).toMatchObject({ page: last, pages: last, total: expected.length, more: false });
    // Newest first: at the start (walked in id order), the first page counted exactly (sorted from the matches) and
    // the last page.
    const exact = Math.floor((expected.length - COUNT_CAP) / PAGE_SIZE) + 2;
    for (const page of [1, exact, last]) {
      const r = searchDirectory(viewer, { area: AREA, sort: "recent" }, page);
      expect(r.more).toBe(page === 1);
      expect(r.members.map((m) => m.id), `newest, page ${page}`).toEqual(newest.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE));
    }
  });

  it("never counts or lists a member whose practice areas the viewer may not see", () => {
    const hidden = new Set(
      (
        db()
          .$client.prepare(
            "select p.user_id as id from profiles p join profile_areas a on a.user_id = p.user_id where a.value = ? and p.vis_practice_areas <> 'network'",
          )
          .all(AREA) as { id: number }[]
      ).map((r) => r.id),
    );
    expect(hidden.size).toBeGreaterThan(300);
    const last = Math.ceil(expected.length / PAGE_SIZE);
    for (const page of [1, 2, last - 1, last]) {
      for (const m of searchDirectory(viewers.other, { area: AREA }, page).members) expect(hidden.has(m.id)).toBe(false);
    }
    // An admin sees "classmates" areas (not "only me"), so finds more of them, and still some are left out.
    const adminLast = searchDirectory(viewers.admin, { area: AREA }, 1000);
    expect(adminLast.total).toBeGreaterThan(expected.length);
    expect(adminLast.total).toBeLessThan(1400);
  });
});

describe("mail choices", () => {
  it("default sensibly and follow the member's settings", () => {
    expect(mailChoice({ userId: memberId, topic: "materials" })).toBe("immediate");
    expect(mailChoice({ userId: memberId, topic: "news" })).toBe("weekly");
    expect(mailChoice({ userId: memberId, topic: "surveys" })).toBe("immediate");
  });
});
