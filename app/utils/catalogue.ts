// Issue #16: labels shared by the catalogue's pages and components (no server imports).
export const FORMATS = ["in-person", "online", "hybrid"] as const;
export type SeminarFormat = (typeof FORMATS)[number];
export const FORMAT_LABELS: Record<SeminarFormat, string> = { "in-person": "In person", online: "Online", hybrid: "Hybrid" };

export const POLICIES = ["open", "request", "invitation"] as const;
export type EnrolmentPolicy = (typeof POLICIES)[number];
export const POLICY_LABELS: Record<EnrolmentPolicy, string> = {
  open: "Open to all members",
  request: "By request (instructors or staff approve)",
  invitation: "Invitation only (not listed in the catalogue)",
};

/** "2027-03" → "March 2027". */
export function monthLabel(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleString("en-US", { month: "long", year: "numeric", timeZone: "UTC" });
}

/** How long a waitlist offer holds a seat. */
export const OFFER_HOURS = 48;
export const MAX_INTAKE_QUESTIONS = 10;
