// Issue #4: member profiles, per-field visibility, participation settings, account deletion requests.
// What a viewer may see of a member is decided in one place: app/models/profile.server.ts (profileFor).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

/** Who may see a field: everyone in the network, people sharing a seminar, instructors of their seminars, only me. */
export const VISIBILITY_LEVELS = ["network", "classmates", "instructors", "me"] as const;
export type Visibility = (typeof VISIBILITY_LEVELS)[number];

// "portal" (issue #15): shown in the notification centre, never mailed.
export const MAIL_CHOICES = ["portal", "immediate", "daily", "weekly", "never"] as const;
export type MailChoiceValue = (typeof MAIL_CHOICES)[number];

export const BAR_STATUSES = ["active", "inactive", "retired", "pending"] as const;

const vis = (name: string, fallback: Visibility) =>
  text(name, { enum: VISIBILITY_LEVELS }).notNull().default(fallback);

/** One row per member who has saved anything; a member without a row has the defaults below. */
export const profiles = sqliteTable(
  "profiles",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    addressAs: text("address_as").notNull().default(""),
    headline: text("headline").notNull().default(""),
    firm: text("firm").notNull().default(""),
    jobTitle: text("job_title").notNull().default(""),
    city: text("city").notNull().default(""),
    country: text("country").notNull().default(""),
    yearsInPractice: integer("years_in_practice"),
    bioMd: text("bio_md").notNull().default(""),
    bioHtml: text("bio_html").notNull().default(""),
    firmUrl: text("firm_url").notNull().default(""),
    linkedinUrl: text("linkedin_url").notNull().default(""),
    websiteUrl: text("website_url").notNull().default(""),
    /** Contact address shown on the profile; empty means the sign-in address. */
    contactEmail: text("contact_email").notNull().default(""),
    phone: text("phone").notNull().default(""),
    preferredContact: text("preferred_contact", { enum: ["", "email", "phone", "either"] }).notNull().default(""),
    openToReferrals: integer("open_to_referrals", { mode: "boolean" }).notNull().default(false),
    openToOpportunities: integer("open_to_opportunities", { mode: "boolean" }).notNull().default(false),
    /** File name under UPLOADS_DIR/photos (random, never derived from the upload's name). */
    photoFile: text("photo_file"),
    /** Listed in the network directory at all. Seminar member pages list everyone enrolled. */
    inDirectory: integer("in_directory", { mode: "boolean" }).notNull().default(true),
    /** "lastname full name", lower-cased; kept in step with users.name by a trigger (db/migrations-extra/0002_directory.sql). */
    sortKey: text("sort_key").notNull().default(""),
    /** Mirrors users.status = 'active' (same trigger), so directory queries need not join users. */
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    onboardingCompletedAt: integer("onboarding_completed_at", { mode: "timestamp_ms" }),
    /** The reminder on the home page was dismissed until this time. */
    reminderSnoozedUntil: integer("reminder_snoozed_until", { mode: "timestamp_ms" }),

    visPhoto: vis("vis_photo", "network"),
    visAddressAs: vis("vis_address_as", "network"),
    visHeadline: vis("vis_headline", "network"),
    visFirm: vis("vis_firm", "network"),
    visJobTitle: vis("vis_job_title", "network"),
    visLocation: vis("vis_location", "network"),
    visPracticeAreas: vis("vis_practice_areas", "network"),
    visJurisdictions: vis("vis_jurisdictions", "network"),
    visBarNumbers: vis("vis_bar_numbers", "me"),
    visYearsInPractice: vis("vis_years_in_practice", "network"),
    visBio: vis("vis_bio", "network"),
    visLinks: vis("vis_links", "network"),
    visEmail: vis("vis_email", "instructors"),
    visPhone: vis("vis_phone", "instructors"),
    visPreferredContact: vis("vis_preferred_contact", "instructors"),
    visOpenToReferrals: vis("vis_open_to_referrals", "network"),
    visOpenToOpportunities: vis("vis_open_to_opportunities", "classmates"),
    /** Issue #18: "services and skills" (free text the member controls) and the thanks for referrals they took. */
    skillLanguages: text("skill_languages").notNull().default(""),
    skillIndustries: text("skill_industries").notNull().default(""),
    notableMatters: text("notable_matters").notNull().default(""),
    availability: text("availability").notNull().default(""),
    visServices: vis("vis_services", "network"),
    visReferralThanks: vis("vis_referral_thanks", "network"),
    /** Issue #18: the summary of the member's standing (accepted answers, seminars taught and attended, referrals). */
    visStanding: vis("vis_standing", "network"),

    createdAt: createdAt(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("profiles_directory_idx").on(t.inDirectory, t.active, t.sortKey, t.userId),
    index("profiles_years_idx").on(t.yearsInPractice),
    index("profiles_referrals_idx").on(t.openToReferrals),
  ],
);

/** Practice areas from the controlled list (content/practice-areas.txt) and the member's free tags. */
export const profileAreas = sqliteTable(
  "profile_areas",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["area", "tag"] }).notNull(),
    value: text("value").notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind, t.value] }), index("profile_areas_value_idx").on(t.kind, t.value, t.userId)],
);

/** Jurisdictions and bar admissions. The jurisdiction and the bar number have separate visibility. */
export const barAdmissions = sqliteTable(
  "bar_admissions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    jurisdiction: text("jurisdiction").notNull(),
    barNumber: text("bar_number").notNull().default(""),
    yearAdmitted: integer("year_admitted"),
    status: text("status", { enum: BAR_STATUSES }).notNull().default("active"),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("bar_admissions_user_idx").on(t.userId), index("bar_admissions_jurisdiction_idx").on(t.jurisdiction, t.userId)],
);

/**
 * How each member wants to hear about each topic: one row per member and topic (a new topic is a line in
 * app/models/preferences.server.ts, not a column). No row: that topic's default.
 */
export const mailPreferences = sqliteTable(
  "mail_choices",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topic: text("topic").notNull(),
    choice: text("choice", { enum: MAIL_CHOICES }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.topic] })],
);

/** A member asks to delete their account; an admin confirms, then personal data is erased. */
export const deletionRequests = sqliteTable(
  "deletion_requests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Null once the account has been erased (the request row stays as the record of what was done). */
    userId: integer("user_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason").notNull().default(""),
    status: text("status", { enum: ["pending", "completed", "cancelled", "declined"] })
      .notNull()
      .default("pending"),
    decidedById: integer("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    decidedAt: integer("decided_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (t) => [index("deletion_requests_status_idx").on(t.status, t.createdAt), index("deletion_requests_user_idx").on(t.userId)],
);
