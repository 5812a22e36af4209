// Issue #18 test fixtures shared by the careers test files: a valid job posting, to override per test.
import type { JobInput } from "~/models/job-postings.server";

export const jobInput = (over: Partial<JobInput> = {}): JobInput => ({
  title: "Senior Privacy Counsel",
  organisation: "Acme LLP",
  location: "Austin, TX",
  remote: false,
  areas: ["Privacy and Data Protection"],
  jurisdictions: ["Texas"],
  barRequired: true,
  seniority: "senior",
  employmentType: "full-time",
  applyMode: "portal",
  applyUrl: "",
  applyEmail: "",
  descriptionMd: "",
  closesAt: new Date(Date.now() + 30 * 86400_000),
  ...over,
});
