// Issue #18: labels shared by the careers and referral pages (no server imports).
export const SENIORITY_LABELS: Record<string, string> = {
  any: "Any seniority",
  junior: "Junior (0–3 years)",
  mid: "Mid-level (4–7 years)",
  senior: "Senior (8+ years)",
  partner: "Partner or counsel",
};
export const EMPLOYMENT_LABELS: Record<string, string> = {
  "full-time": "Full time",
  "part-time": "Part time",
  contract: "Contract",
  secondment: "Secondment",
  internship: "Internship",
};
export const APPLY_MODE_LABELS: Record<string, string> = {
  portal: "Through the portal (you see the applications here)",
  link: "On an external page (link)",
  email: "By email",
};
export const URGENCY_LABELS: Record<string, string> = { routine: "Routine", soon: "Within days", urgent: "Urgent" };
export const REFERRAL_STATUS_LABELS: Record<string, string> = { open: "Open", placed: "Placed", withdrawn: "Withdrawn" };
export const JOB_STATUS_LABELS: Record<string, string> = { open: "Open", closed: "Closed", expired: "Expired" };

/** Only http(s) links are ever rendered as apply links (checked on the way in as well). */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "http:" || u.protocol === "https:";
  } catch {
    return false;
  }
}
