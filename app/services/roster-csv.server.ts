// Roster CSV: UTF-8 with a byte-order mark and CRLF line ends so Excel opens it with accents intact. Built only from
// VisibleProfiles (what profileFor let the instructor see); a hidden value is an empty cell.
import type { SeminarPerson } from "~/models/roster.server";
import { csvCell } from "~/utils/text-formats";

export { csvCell };

export const ROSTER_COLUMNS = [
  "Name",
  "Addressed as",
  "Headline",
  "Title",
  "Firm or organisation",
  "City",
  "Country",
  "Practice areas",
  "Tags",
  "Jurisdictions",
  "Bar numbers",
  "Years in practice",
  "Email",
  "Phone",
  "Preferred contact",
  "Open to referrals",
  "Open to new opportunities",
  "Enrolled on",
] as const;

const yesNo = (v: boolean | undefined) => (v === undefined ? "" : v ? "Yes" : "No");

/** `intake` (issue #16) adds one column per intake question with each attendee's answer. */
export function rosterCsv(people: SeminarPerson[], intake?: { headers: string[]; byUser: Map<number, string[]> }): string {
  const extra = intake?.headers ?? [];
  const rows = people.map(({ profile: p, joinedAt }) => [
    p.name,
    p.addressAs,
    p.headline,
    p.jobTitle,
    p.firm,
    p.city,
    p.country,
    (p.practiceAreas ?? []).join("; "),
    (p.tags ?? []).join("; "),
    (p.jurisdictions ?? []).map((j) => `${j.jurisdiction}${j.yearAdmitted ? ` (${j.yearAdmitted})` : ""}${j.status !== "active" ? ` ${j.status}` : ""}`).join("; "),
    (p.jurisdictions ?? []).filter((j) => j.barNumber).map((j) => `${j.jurisdiction}: ${j.barNumber}`).join("; "),
    p.yearsInPractice,
    p.email,
    p.phone,
    p.preferredContact,
    yesNo(p.openToReferrals),
    yesNo(p.openToOpportunities),
    joinedAt.slice(0, 10),
    ...(intake ? (intake.byUser.get(p.id) ?? extra.map(() => "")) : []),
  ]);
  return "\ufeff" + [[...ROSTER_COLUMNS, ...extra] as readonly string[], ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
