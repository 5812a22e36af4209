// Demo invitations (issue #3): a few pending, expired and revoked invitations and a firm's invite link, so the
// administration pages show something. Their tokens are random and never printed; "Resend" issues a working link.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as schema from "../schema";
import type { SeedContext, SeedDB } from "../seed";

interface DemoInvitation {
  email: string;
  name: string;
  seminar: string;
  role: "attendee" | "instructor";
  by: string;
  message: string;
  state: "pending" | "expired" | "revoked";
}
interface DemoLink {
  label: string;
  seminar: string;
  domain: string;
  maxUses: number;
  by: string;
}

const hashOfRandomToken = () => createHash("sha256").update(randomBytes(32).toString("base64url")).digest("hex");

export async function seedInvitations(db: SeedDB, ctx: SeedContext, now = new Date()) {
  const file = path.resolve(process.cwd(), "content/demo/invitations.json");
  if (!fs.existsSync(file)) return;
  const demo = JSON.parse(fs.readFileSync(file, "utf8")) as { invitations: DemoInvitation[]; links: DemoLink[] };
  const day = 86400_000;
  for (const inv of demo.invitations) {
    const seminarId = ctx.seminarsBySlug.get(inv.seminar);
    if (!seminarId) continue;
    db.insert(schema.invitations)
      .values({
        tokenHash: hashOfRandomToken(),
        kind: "email",
        email: inv.email,
        name: inv.name,
        seminarId,
        seminarRole: inv.role,
        message: inv.message,
        invitedById: ctx.usersByEmail.get(inv.by) ?? null,
        expiresAt: new Date(now.getTime() + (inv.state === "expired" ? -3 : 11) * day),
        revokedAt: inv.state === "revoked" ? new Date(now.getTime() - day) : null,
        createdAt: new Date(now.getTime() - (inv.state === "expired" ? 17 : 3) * day),
      })
      .run();
  }
  for (const l of demo.links) {
    db.insert(schema.invitations)
      .values({
        tokenHash: hashOfRandomToken(),
        kind: "link",
        label: l.label,
        seminarId: ctx.seminarsBySlug.get(l.seminar) ?? null,
        seminarRole: "attendee",
        maxUses: l.maxUses,
        requiredDomain: l.domain,
        invitedById: ctx.usersByEmail.get(l.by) ?? null,
        expiresAt: new Date(now.getTime() + 20 * day),
      })
      .run();
  }
}
