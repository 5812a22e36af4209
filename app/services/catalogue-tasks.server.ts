// Issue #16: the catalogue's background work, registered in one place. Both tasks keep their state in the database
// (enrolment statuses, alumni_mailings), so they are idempotent and a restart only delays them.
import { sendAlumniMailings } from "~/models/alumni.server";
import { expireOffersAndFillSeats } from "~/models/enrolment.server";
import { registerTask } from "./workers.server";

/** Lapsed 48-hour waitlist offers move on to the next person; seats freed otherwise are offered too. */
registerTask({ name: "waitlist-offers", everyMs: 5_000, run: () => void expireOffersAndFillSeats() });
// Both start with a cheap read and take the write lock only when something is due.
/** One "next seminars" mail per alumnus after a seminar ends. */
registerTask({ name: "alumni-mailings", everyMs: 15_000, run: () => void sendAlumniMailings() });

export const catalogueTasks = ["waitlist-offers", "alumni-mailings"] as const;
