// Demo data for issue #5, run by db/seed.ts after the core seed: rendered seminar texts, a realistic schedule per
// demo seminar, and course materials (real small files: plain-text handouts and PDFs) written under UPLOADS_DIR.
import { eq } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { SeedContext, SeedDB } from "../seed";
import { zonedTime } from "../seed";
import * as schema from "../schema";
import { renderMarkdown } from "../../app/services/markdown.server";
import { makePdf } from "./pdf";

const contentDir = path.resolve(process.cwd(), "content/demo");

interface DemoSession {
  day: number;
  start: string;
  end: string;
  title: string;
  speaker?: string;
  room?: string;
  description?: string;
}
interface DemoVersion {
  file: string;
  name: string;
  format: "text" | "pdf";
  asOfDays: number;
  note?: string;
}
interface DemoMaterial {
  title: string;
  description: string;
  by: string;
  versions: DemoVersion[];
  /** Indexes into people.json of attendees who downloaded version 1 (they get "newer version" notices). */
  downloadedV1By?: number[];
}
interface DemoMicrosite {
  schedules: Record<string, DemoSession[]>;
  materials: Record<string, DemoMaterial[]>;
}

/** Wall-clock "HH:MM" on the seminar's n-th day, in its zone, as a UTC instant. */
function at(seminar: typeof schema.seminars.$inferSelect, day: number, hhmm: string): Date {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  const firstDay = new Date(seminar.startsAt.getTime() + day * 86400_000);
  return new Date(zonedTime(firstDay, h, seminar.timeZone).getTime() + m * 60_000);
}

function writeFile(dir: string, bytes: Uint8Array): string {
  const storedName = randomBytes(16).toString("hex");
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, storedName), bytes, { mode: 0o600 });
  return storedName;
}

export async function seedMicrosite(db: SeedDB, ctx: SeedContext): Promise<void> {
  const demo = JSON.parse(fs.readFileSync(path.join(contentDir, "microsite.json"), "utf8")) as DemoMicrosite;
  const materialsDir = path.join(path.resolve(ctx.uploadsDir), "materials");

  for (const [slug, seminarId] of ctx.seminarsBySlug) {
    const seminar = db.select().from(schema.seminars).where(eq(schema.seminars.id, seminarId)).get()!;
    // The seminar texts are stored rendered, as the admin form would store them.
    db.update(schema.seminars)
      .set({ descriptionHtml: renderMarkdown(seminar.descriptionMd), welcomeHtml: renderMarkdown(seminar.welcomeMd) })
      .where(eq(schema.seminars.id, seminarId))
      .run();

    for (const s of demo.schedules[slug] ?? []) {
      const row = db
        .insert(schema.seminarSessions)
        .values({
          seminarId,
          title: s.title,
          description: s.description ?? "",
          speaker: s.speaker ?? "",
          room: s.room ?? "",
          startsAt: at(seminar, s.day, s.start),
          endsAt: at(seminar, s.day, s.end),
        })
        .returning({ id: schema.seminarSessions.id })
        .get();
      if (s.day === 0 && s === demo.schedules[slug]![0]) {
        db.insert(schema.seminarActivity)
          .values({ seminarId, actorId: null, kind: "session", summary: "The schedule was published", href: `/s/${slug}/schedule#session-${row.id}` })
          .run();
      }
    }

    for (const m of demo.materials[slug] ?? []) {
      const authorId = ctx.usersByEmail.get(m.by) ?? null;
      const first = m.versions[0]!;
      const created = new Date(ctx.now.getTime() + first.asOfDays * 86400_000);
      const material = db
        .insert(schema.materials)
        .values({ seminarId, title: m.title, description: m.description, createdById: authorId, createdAt: created, updatedAt: created })
        .returning()
        .get();
      const versionIds: number[] = [];
      m.versions.forEach((v, i) => {
        const text = fs.readFileSync(path.join(contentDir, "materials", v.file), "utf8");
        const bytes = v.format === "pdf" ? makePdf(m.title, text) : Buffer.from(text, "utf8");
        const uploadedAt = new Date(ctx.now.getTime() + v.asOfDays * 86400_000);
        const version = db
          .insert(schema.materialVersions)
          .values({
            materialId: material.id,
            version: i + 1,
            storedName: writeFile(materialsDir, bytes),
            fileName: v.name,
            contentType: v.format === "pdf" ? "application/pdf" : "text/plain; charset=utf-8",
            sizeBytes: bytes.byteLength,
            sha256: createHash("sha256").update(bytes).digest("hex"),
            asOf: uploadedAt.toISOString().slice(0, 10),
            note: v.note ?? "",
            uploadedById: authorId,
            createdAt: uploadedAt,
          })
          .returning({ id: schema.materialVersions.id })
          .get();
        versionIds.push(version.id);
        db.insert(schema.seminarActivity)
          .values({
            seminarId,
            actorId: authorId,
            kind: i === 0 ? "material" : "material-version",
            summary: i === 0 ? `New material: ${m.title}` : `New version (${i + 1}) of ${m.title}`,
            href: `/s/${slug}/materials/${material.id}`,
            createdAt: uploadedAt,
          })
          .run();
      });
      const current = versionIds[versionIds.length - 1]!;
      const lastAt = new Date(ctx.now.getTime() + m.versions[m.versions.length - 1]!.asOfDays * 86400_000);
      db.update(schema.materials).set({ currentVersionId: current, updatedAt: lastAt }).where(eq(schema.materials.id, material.id)).run();

      for (const index of m.downloadedV1By ?? []) {
        const userId = ctx.usersByEmail.get(ctx.people[index]?.email ?? "");
        if (!userId) continue;
        db.insert(schema.materialDownloads).values({ materialId: material.id, versionId: versionIds[0]!, userId, createdAt: created }).run();
        if (versionIds.length > 1) {
          // They downloaded version 1 before version 2 came out: the site tells them (no demo mail is queued).
          db.insert(schema.materialNotices)
            .values({ userId, seminarId, materialId: material.id, versionId: current, mail: "none", createdAt: lastAt })
            .run();
        }
      }
    }
  }
}
