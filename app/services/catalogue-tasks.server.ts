// Issue #16: the catalogue's background work. Both tasks keep their state in the database (enrolment statuses,
// alumni_mailings), so they are idempotent and a restart only delays them. Listed in services/tasks.server.ts.
import { sendAlumniMailings } from "~/models/alumni.server";
import { expireOffersAndFillSeats } from "~/models/enrolment.server";
import type { PeriodicTask } from "./workers.server";

// Both start with a cheap read and take the write lock only when something is due.
export const catalogueTasks: readonly PeriodicTask[] = [
  /** Lapsed 48-hour waitlist offers move on to the next person; seats freed otherwise are offered too. */
  { name: "waitlist-offers", everyMs: 5_000, run: () => void expireOffersAndFillSeats() },
  /** One "next seminars" mail per alumnus after a seminar ends. */
  { name: "alumni-mailings", everyMs: 15_000, run: () => void sendAlumniMailings() },
];
