// What a viewer may see of a member: decided here, in profileFor(), and nowhere else (issue #4).
// Every page, search, export, vCard, email and feed that shows a member goes through this module.
import { eq, sql } from "drizzle-orm";
import { barAdmissions, profileAreas, profiles, users, type Visibility } from "../../db/schema";
import { db, inIdList, prepared } from "./db.server";

export type ProfileRow = typeof profiles.$inferSelect;
export type BarAdmissionRow = typeof barAdmissions.$inferSelect;

/** The viewer as the guards hand it over (SessionUser fits). */
export interface Viewer {
  id: number;
  role: "admin" | "member";
}

/**
 * How the viewer stands to the member:
 *  - self: the member themself
 *  - instructor: the viewer teaches a seminar the member belongs to
 *  - classmate: they share a seminar (and the viewer does not teach it)
 *  - admin: institute staff, sharing no seminar
 *  - member: anyone else signed in (including instructors of other seminars)
 */
export type Relation = "self" | "instructor" | "classmate" | "admin" | "member";

export const FORMER_MEMBER_NAME = "Former member";

/** The fields a member controls, in the order the settings page shows them. Name is always visible. */
export const PROFILE_FIELDS = [
  { key: "photo", column: "visPhoto", label: "Photo" },
  { key: "addressAs", column: "visAddressAs", label: "How to address you" },
  { key: "headline", column: "visHeadline", label: "Headline" },
  { key: "firm", column: "visFirm", label: "Firm or organisation" },
  { key: "jobTitle", column: "visJobTitle", label: "Title" },
  { key: "location", column: "visLocation", label: "City and country" },
  { key: "practiceAreas", column: "visPracticeAreas", label: "Practice areas and tags" },
  { key: "jurisdictions", column: "visJurisdictions", label: "Jurisdictions and admissions" },
  { key: "barNumbers", column: "visBarNumbers", label: "Bar numbers" },
  { key: "yearsInPractice", column: "visYearsInPractice", label: "Years in practice" },
  { key: "bio", column: "visBio", label: "Bio" },
  { key: "links", column: "visLinks", label: "Links" },
  { key: "email", column: "visEmail", label: "Email" },
  { key: "phone", column: "visPhone", label: "Phone" },
  { key: "preferredContact", column: "visPreferredContact", label: "Preferred way to be contacted" },
  { key: "openToReferrals", column: "visOpenToReferrals", label: "Open to referrals" },
  { key: "openToOpportunities", column: "visOpenToOpportunities", label: "Open to new opportunities" },
  { key: "services", column: "visServices", label: "Services and skills" },
  { key: "referralThanks", column: "visReferralThanks", label: "Thanks for referrals you took" },
  { key: "standing", column: "visStanding", label: "Your standing: accepted answers, seminars, referrals" },
] as const satisfies readonly { key: string; column: keyof ProfileRow; label: string }[];

export type ProfileFieldKey = (typeof PROFILE_FIELDS)[number]["key"];
export type VisibilityColumn = (typeof PROFILE_FIELDS)[number]["column"];

export const VISIBILITY_LABELS: Record<Visibility, string> = {
  network: "Everyone in the network",
  classmates: "People in my seminars",
  instructors: "Instructors of my seminars",
  me: "Only me",
};

/** The row a member has before saving anything; must match the column defaults in db/schema/profiles.ts. */
export function defaultProfile(userId: number): ProfileRow {
  return {
    userId,
    addressAs: "",
    headline: "",
    firm: "",
    jobTitle: "",
    city: "",
    country: "",
    yearsInPractice: null,
    bioMd: "",
    bioHtml: "",
    firmUrl: "",
    linkedinUrl: "",
    websiteUrl: "",
    contactEmail: "",
    phone: "",
    preferredContact: "",
    openToReferrals: false,
    openToOpportunities: false,
    photoFile: null,
    inDirectory: true,
    sortKey: "",
    active: true,
    onboardingCompletedAt: null,
    reminderSnoozedUntil: null,
    visPhoto: "network",
    visAddressAs: "network",
    visHeadline: "network",
    visFirm: "network",
    visJobTitle: "network",
    visLocation: "network",
    visPracticeAreas: "network",
    visJurisdictions: "network",
    visBarNumbers: "me",
    visYearsInPractice: "network",
    visBio: "network",
    visLinks: "network",
    visEmail: "instructors",
    visPhone: "instructors",
    visPreferredContact: "instructors",
    visOpenToReferrals: "network",
    visOpenToOpportunities: "classmates",
    skillLanguages: "",
    skillIndustries: "",
    notableMatters: "",
    availability: "",
    visServices: "network",
    visReferralThanks: "network",
    visStanding: "network",
    createdAt: new Date(0),
    updatedAt: null,
  };
}

/** Whether a field at this visibility level is shown to a viewer standing in this relation. */
export function canSee(level: Visibility, relation: Relation): boolean {
  if (relation === "self") return true;
  switch (level) {
    case "network":
      return true;
    case "classmates":
      return relation === "classmate" || relation === "instructor" || relation === "admin";
    case "instructors":
      return relation === "instructor" || relation === "admin";
    case "me":
      return false;
  }
}

/** Everything held about a member that a profile can show. */
export interface MemberRecord {
  user: { id: number; name: string; email: string; role: "admin" | "member"; status: "active" | "deactivated" | "deleted"; createdAt: Date };
  profile: ProfileRow;
  areas: { kind: "area" | "tag"; value: string }[];
  admissions: BarAdmissionRow[];
}

export interface VisibleAdmission {
  jurisdiction: string;
  yearAdmitted: number | null;
  status: string;
  barNumber?: string;
}

/** What one viewer sees of one member. A field the viewer may not see is absent (not null, not empty). */
export interface VisibleProfile {
  id: number;
  name: string;
  relation: Relation;
  former?: true;
  deactivated?: true;
  photoUrl?: string;
  addressAs?: string;
  headline?: string;
  firm?: string;
  jobTitle?: string;
  city?: string;
  country?: string;
  practiceAreas?: string[];
  tags?: string[];
  jurisdictions?: VisibleAdmission[];
  yearsInPractice?: number;
  bioHtml?: string;
  /** Plain text of the bio, for vCards and exports. */
  bioText?: string;
  links?: { firmUrl?: string; linkedinUrl?: string; websiteUrl?: string };
  email?: string;
  phone?: string;
  preferredContact?: "email" | "phone" | "either";
  openToReferrals?: boolean;
  openToOpportunities?: boolean;
  /** Issue #18: "services and skills", each part present only when filled in. */
  services?: { languages?: string; industries?: string; notableMatters?: string; availability?: string };
  /** The viewer may see the thanks this member received for referrals (loaded by the careers model). */
  showsReferralThanks?: true;
  /** The viewer may see the member's standing summary (loaded by community-standing.server.ts). */
  showsStanding?: true;
}

// --- relations ------------------------------------------------------------------------------------------

const relationRows = (viewerId: number, memberIds: number[]) =>
  db().all<{ userId: number; teaches: number }>(sql`
    select m2.user_id as userId, max(m1.role = 'instructor') as teaches
    from memberships m1
    join memberships m2 on m2.seminar_id = m1.seminar_id
    where m1.user_id = ${viewerId}
      and m2.user_id in (select value from json_each(${JSON.stringify(memberIds)}))
    group by m2.user_id`);

/** The viewer's relation to each of these members, in one query. */
export function relationsFor(viewer: Viewer, memberIds: number[]): Map<number, Relation> {
  const out = new Map<number, Relation>();
  const others = [...new Set(memberIds)].filter((id) => id !== viewer.id);
  if (memberIds.includes(viewer.id)) out.set(viewer.id, "self");
  const fallback: Relation = viewer.role === "admin" ? "admin" : "member";
  for (const id of others) out.set(id, fallback);
  if (others.length) {
    for (const r of relationRows(viewer.id, others)) out.set(r.userId, r.teaches ? "instructor" : "classmate");
  }
  return out;
}

export function relationTo(viewer: Viewer, memberId: number): Relation {
  return relationsFor(viewer, [memberId]).get(memberId)!;
}

// --- loading --------------------------------------------------------------------------------------------

/** Loads members with their profile, areas and admissions (three queries for any number of members). */
export function loadMembers(ids: number[]): Map<number, MemberRecord> {
  const out = new Map<number, MemberRecord>();
  const unique = [...new Set(ids)];
  if (!unique.length) return out;
  // Directory pages, rosters and profile pages load members in batches: three statements prepared once (issue #9).
  const idList = JSON.stringify(unique);
  const rows = prepared("profile.loadMembers.users", (d) =>
    d.select({ user: users, profile: profiles }).from(users).leftJoin(profiles, eq(profiles.userId, users.id)).where(inIdList(users.id)).prepare(),
  ).all({ ids: idList });
  for (const r of rows) {
    const { passwordHash: _hash, deactivatedAt: _d, ...user } = r.user;
    out.set(user.id, { user, profile: r.profile ?? defaultProfile(user.id), areas: [], admissions: [] });
  }
  const areas = prepared("profile.loadMembers.areas", (d) =>
    d.select().from(profileAreas).where(inIdList(profileAreas.userId)).orderBy(profileAreas.position).prepare(),
  ).all({ ids: idList });
  for (const a of areas) out.get(a.userId)?.areas.push({ kind: a.kind, value: a.value });
  const admissions = prepared("profile.loadMembers.admissions", (d) =>
    d.select().from(barAdmissions).where(inIdList(barAdmissions.userId)).orderBy(barAdmissions.position, barAdmissions.id).prepare(),
  ).all({ ids: idList });
  for (const b of admissions) out.get(b.userId)?.admissions.push(b);
  return out;
}

export function loadMember(id: number): MemberRecord | null {
  return loadMembers([id]).get(id) ?? null;
}

// --- the one decision -----------------------------------------------------------------------------------

export function photoUrlFor(userId: number, photoFile: string): string {
  // The file name is random per upload, so it doubles as a cache buster.
  return `/people/${userId}/photo?v=${encodeURIComponent(photoFile.replace(/\.[a-z]+$/, "").slice(-12))}`;
}

/**
 * What `viewer` may see of `member`. Returns null when the viewer may not look the member up at all
 * (a member who left the directory is reachable only by people sharing a seminar, admins and themself).
 * Pass `relation` when it is already known for a batch (see relationsFor).
 */
export function profileFor(
  viewer: Viewer,
  member: MemberRecord | number,
  opts: { relation?: Relation; ignoreDirectoryOptOut?: boolean } = {},
): VisibleProfile | null {
  const record = typeof member === "number" ? loadMember(member) : member;
  if (!record) return null;
  const { user, profile: p } = record;
  const relation = opts.relation ?? relationTo(viewer, user.id);

  if (user.status === "deleted") return { id: user.id, name: FORMER_MEMBER_NAME, relation, former: true };
  if (relation === "member" && !p.inDirectory && !opts.ignoreDirectoryOptOut) return null;

  const out: VisibleProfile = { id: user.id, name: user.name, relation };
  if (user.status === "deactivated") {
    // A deactivated account keeps its name on past contributions; its details are for staff only.
    if (relation !== "admin" && relation !== "self") return { ...out, deactivated: true };
    out.deactivated = true;
  }
  const see = (level: Visibility) => canSee(level, relation);

  if (p.photoFile && see(p.visPhoto)) out.photoUrl = photoUrlFor(user.id, p.photoFile);
  if (p.addressAs && see(p.visAddressAs)) out.addressAs = p.addressAs;
  if (p.headline && see(p.visHeadline)) out.headline = p.headline;
  if (p.firm && see(p.visFirm)) out.firm = p.firm;
  if (p.jobTitle && see(p.visJobTitle)) out.jobTitle = p.jobTitle;
  if ((p.city || p.country) && see(p.visLocation)) {
    if (p.city) out.city = p.city;
    if (p.country) out.country = p.country;
  }
  if (see(p.visPracticeAreas)) {
    const areas = record.areas.filter((a) => a.kind === "area").map((a) => a.value);
    const tags = record.areas.filter((a) => a.kind === "tag").map((a) => a.value);
    if (areas.length) out.practiceAreas = areas;
    if (tags.length) out.tags = tags;
  }
  // A bar number belongs to an admission: it shows only to those who also see the jurisdictions.
  if (record.admissions.length && see(p.visJurisdictions)) {
    const numbers = see(p.visBarNumbers);
    out.jurisdictions = record.admissions.map((a) => ({
      jurisdiction: a.jurisdiction,
      yearAdmitted: a.yearAdmitted,
      status: a.status,
      ...(numbers && a.barNumber ? { barNumber: a.barNumber } : {}),
    }));
  }
  if (p.yearsInPractice !== null && see(p.visYearsInPractice)) out.yearsInPractice = p.yearsInPractice;
  if (p.bioHtml && see(p.visBio)) {
    out.bioHtml = p.bioHtml;
    out.bioText = p.bioMd;
  }
  if ((p.firmUrl || p.linkedinUrl || p.websiteUrl) && see(p.visLinks)) {
    out.links = {
      ...(p.firmUrl ? { firmUrl: p.firmUrl } : {}),
      ...(p.linkedinUrl ? { linkedinUrl: p.linkedinUrl } : {}),
      ...(p.websiteUrl ? { websiteUrl: p.websiteUrl } : {}),
    };
  }
  if (see(p.visEmail)) out.email = p.contactEmail || user.email;
  if (p.phone && see(p.visPhone)) out.phone = p.phone;
  if (p.preferredContact && see(p.visPreferredContact)) out.preferredContact = p.preferredContact;
  if (see(p.visOpenToReferrals)) out.openToReferrals = p.openToReferrals;
  if (see(p.visOpenToOpportunities)) out.openToOpportunities = p.openToOpportunities;
  if ((p.skillLanguages || p.skillIndustries || p.notableMatters || p.availability) && see(p.visServices)) {
    out.services = {
      ...(p.skillLanguages ? { languages: p.skillLanguages } : {}),
      ...(p.skillIndustries ? { industries: p.skillIndustries } : {}),
      ...(p.notableMatters ? { notableMatters: p.notableMatters } : {}),
      ...(p.availability ? { availability: p.availability } : {}),
    };
  }
  if (see(p.visReferralThanks)) out.showsReferralThanks = true;
  if (see(p.visStanding)) out.showsStanding = true;
  return out;
}

/** profileFor over a batch: one relation query and three loading queries. Unreachable members are left out. */
export function profilesFor(
  viewer: Viewer,
  memberIds: number[],
  opts: { ignoreDirectoryOptOut?: boolean } = {},
): Map<number, VisibleProfile> {
  const records = loadMembers(memberIds);
  const relations = relationsFor(viewer, memberIds);
  const out = new Map<number, VisibleProfile>();
  for (const id of memberIds) {
    const record = records.get(id);
    if (!record) continue;
    const v = profileFor(viewer, record, { relation: relations.get(id)!, ...opts });
    if (v) out.set(id, v);
  }
  return out;
}

// --- names for other features ---------------------------------------------------------------------------

export interface MemberName {
  id: number;
  name: string;
  /** Link to the profile page; absent for former members. */
  href?: string;
  former?: true;
}

/** The name to show for a member: "Former member" once the account was erased. */
export function displayName(user: { name: string; status?: string | null }): string {
  return user.status === "deleted" ? FORMER_MEMBER_NAME : user.name;
}

/**
 * Names and profile links for a batch of members, cheap enough for every list (one query). Names are visible to
 * every signed-in member; anything more goes through profileFor.
 */
export function memberNames(ids: number[]): Map<number, MemberName> {
  const out = new Map<number, MemberName>();
  const unique = [...new Set(ids)].filter((n) => Number.isInteger(n));
  if (!unique.length) return out;
  // On nearly every page (authors, instructors, commenters): one prepared statement for any number of ids.
  const rows = prepared("profile.memberNames", (d) =>
    d
      .select({ id: users.id, name: users.name, status: users.status })
      .from(users)
      .where(inIdList(users.id))
      .prepare(),
  ).all({ ids: JSON.stringify(unique) });
  for (const r of rows) {
    out.set(
      r.id,
      r.status === "deleted"
        ? { id: r.id, name: FORMER_MEMBER_NAME, former: true }
        : { id: r.id, name: r.name, href: `/people/${r.id}` },
    );
  }
  return out;
}

export function memberName(id: number | null | undefined): MemberName {
  if (id == null) return { id: 0, name: FORMER_MEMBER_NAME, former: true };
  return memberNames([id]).get(id) ?? { id, name: FORMER_MEMBER_NAME, former: true };
}
