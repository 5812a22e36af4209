// `npm run invite -- --email someone@example.com --role admin`: makes an invitation from the command line (this is
// how the first admin gets in) and prints its one-time link. With SMTP_URL set it is also mailed right away;
// without, the message waits in the development outbox.
import { parseArgs } from "node:util";
import { z } from "zod";
import { eq } from "drizzle-orm";
import { seminars } from "../../db/schema";
import { closeDatabase, db, migrateDatabase, writeTransaction } from "~/models/db.server";
import { createInvitation, inviteUrl } from "~/models/invitation.server";
import { closeMailTransport, deliverDueMail, listOutbox } from "~/services/outbox.server";
import { loadEnv } from "~/utils/env.server";

const USAGE = `Usage: npm run invite -- --email someone@example.com [--role admin|member] [--name "Full Name"]
                         [--seminar SLUG [--seminar-role attendee|instructor]] [--days 14]`;

const ArgsSchema = z.object({
  email: z.email("--email must be an email address"),
  role: z.enum(["admin", "member"]).default("member"),
  name: z.string().max(120).optional(),
  seminar: z.string().optional(),
  "seminar-role": z.enum(["attendee", "instructor"]).default("attendee"),
  days: z.coerce.number().int().min(1).max(90).default(14),
});

let values;
try {
  values = parseArgs({
    options: {
      email: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      seminar: { type: "string" },
      "seminar-role": { type: "string" },
      days: { type: "string" },
      help: { type: "boolean" },
    },
  }).values;
} catch (e) {
  console.error(`${(e as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const parsed = ArgsSchema.safeParse(values);
if (!parsed.success) {
  for (const i of parsed.error.issues) console.error(`  ${i.path.join(".") || "arguments"}: ${i.message}`);
  console.error(USAGE);
  process.exit(2);
}
const args = parsed.data;
const config = loadEnv();
migrateDatabase(db());

let seminarId: number | null = null;
if (args.seminar) {
  const s = db().select({ id: seminars.id }).from(seminars).where(eq(seminars.slug, args.seminar)).get();
  if (!s) {
    console.error(`No seminar with the slug "${args.seminar}".`);
    process.exit(1);
  }
  seminarId = s.id;
}

const { token } = writeTransaction((tx) =>
  createInvitation(tx, {
    email: args.email,
    name: args.name ?? null,
    seminarId,
    seminarRole: seminarId ? args["seminar-role"] : null,
    networkRole: args.role,
    message: "",
    expiresAt: new Date(Date.now() + args.days * 86400_000),
    invitedById: null,
  }),
);

console.log(`Invitation for ${args.email.toLowerCase()} (${args.role}${args.seminar ? `, ${args["seminar-role"]} of ${args.seminar}` : ""}), valid ${args.days} days.`);
console.log(`One-time link (shown only now):\n\n  ${inviteUrl(token)}\n`);
if (config.SMTP_URL) {
  const r = await deliverDueMail();
  // A running site's mail worker may have claimed the message first; give it a moment to report.
  const to = args.email.toLowerCase();
  let sent = r.sent > 0;
  for (let i = 0; !sent && i < 30; i++) {
    await new Promise((done) => setTimeout(done, 250));
    sent = listOutbox().rows.find((m) => m.toAddress === to)?.status === "sent";
  }
  console.log(sent ? "The invitation was also mailed." : "Mail delivery did not succeed yet; the server's mail worker will retry.");
} else {
  console.log("SMTP_URL is not set: the email waits in the development outbox (admins read it at /admin/mail).");
}
closeMailTransport();
closeDatabase();
process.exit(0);
