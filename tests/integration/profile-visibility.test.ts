// The one visibility decision (profileFor), table-driven: every field × every visibility level × every viewer kind.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/models/db.server";
import { searchDirectory } from "~/models/directory.server";
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

describe("mail choices", () => {
  it("default sensibly and follow the member's settings", () => {
    expect(mailChoice({ userId: memberId, topic: "materials" })).toBe("immediate");
    expect(mailChoice({ userId: memberId, topic: "news" })).toBe("weekly");
    expect(mailChoice({ userId: memberId, topic: "surveys" })).toBe("immediate");
  });
});
