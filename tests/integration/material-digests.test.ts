// Material notices follow each member's "materials" mail choice (issue #5 with #4's preferences): at once, in a
// daily or weekly digest (the member's one digest, issue #15), or never. Calls the models against this test file's own SQLite database.
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { saveMailChoices } from "~/models/preferences.server";
import { db } from "~/models/db.server";
import { addMaterialVersion, createMaterial, recordDownload } from "~/models/material.server";
import { listMaterialNotices } from "~/models/material-notices.server";
import { runDigests } from "~/services/digest-tasks.server";
import { digestClockStart } from "../helpers/digest-time";

const file = (n: number) => ({
  storedName: n.toString(16).padStart(32, "0"),
  fileName: "Outline.pdf",
  contentType: "application/pdf",
  size: 1000,
  sha256: "0".repeat(64),
});

const outbox = () => db().select().from(schema.outbox).all();

describe("material notices and digests", () => {
  const ids: Record<string, number> = {};
  let seminar: typeof schema.seminars.$inferSelect;

  beforeAll(async () => {
    seminar = createSeminar(db(), { slug: "digest-seminar", title: "Digest Seminar" });
    for (const [key, choice] of [["teacher", null], ["daily", "daily"], ["weekly", "weekly"], ["now", "immediate"], ["never", "never"]] as const) {
      const u = await createUser(db(), { email: `${key}@example.com`, name: `${key} person` });
      ids[key] = u.id;
      addMember(db(), { seminarId: seminar.id, userId: u.id, role: key === "teacher" ? "instructor" : "attendee" });
      if (choice) saveMailChoices(db(), { userId: u.id, choices: { materials: choice } });
    }
  });

  it("mails 'at once' members immediately, queues digests for the others, and mails no one who said never", async () => {
    const material = createMaterial({ seminar, actorId: ids.teacher!, title: "Outline", description: "", asOf: "2026-11-20", file: file(1) });
    expect(outbox().map((m) => [m.toAddress, m.kind])).toEqual([["now@example.com", "material-new"]]);
    for (const key of ["daily", "weekly", "now", "never"]) {
      expect(listMaterialNotices({ userId: ids[key]!, seminarId: seminar.id }).map((n) => n.title)).toEqual(["Outline"]);
    }
    expect(listMaterialNotices({ userId: ids.teacher!, seminarId: seminar.id })).toEqual([]);

    const now = digestClockStart(); // three hours after a local morning, not in the future
    const HOUR = 3600_000;
    const digests = (cadence: string) => outbox().filter((m) => m.kind === `digest-${cadence}`);
    await runDigests({ now: now - HOUR }); // starts everyone's schedule
    await runDigests({ now: now + HOUR });
    expect(digests("daily")).toEqual([]);
    await runDigests({ now: now + 25 * HOUR }); // the next local morning, wherever it is
    const daily = digests("daily");
    expect(daily.map((m) => m.toAddress)).toEqual(["daily@example.com"]);
    expect(daily[0]!.subject).toBe("Your daily Colloquy digest: 1 new thing");
    expect(daily[0]!.text).toContain("New material “Outline”\n  Digest Seminar");
    expect(daily[0]!.text).toContain("/s/digest-seminar/materials/");
    // Nothing twice.
    await runDigests({ now: now + 26 * HOUR });
    await runDigests({ now: now + 49 * HOUR });
    expect(digests("daily")).toHaveLength(1);
    await runDigests({ now: now + 8 * 24 * HOUR });
    expect(digests("weekly").map((m) => m.toAddress)).toEqual(["weekly@example.com"]);
    expect(digests("weekly")[0]!.text).toContain("New material “Outline”");
    expect(outbox().some((m) => m.toAddress === "never@example.com")).toBe(false);

    // Only those who downloaded the earlier version hear about a new one; a download clears the notice.
    const v1 = db().select().from(schema.materialVersions).all()[0]!;
    recordDownload({ material, version: v1, userId: ids.now! });
    expect(listMaterialNotices({ userId: ids.now!, seminarId: seminar.id })).toEqual([]);
    const before = outbox().length;
    addMaterialVersion({ seminar, material, actorId: ids.teacher!, asOf: "2026-11-26", note: "", file: file(2) });
    const fresh = outbox().slice(before);
    expect(fresh.map((m) => [m.toAddress, m.kind, m.subject])).toEqual([["now@example.com", "material-version", "Updated: Outline (Digest Seminar)"]]);
    expect(listMaterialNotices({ userId: ids.now!, seminarId: seminar.id }).map((n) => n.version)).toEqual([2]);
    expect(listMaterialNotices({ userId: ids.weekly!, seminarId: seminar.id })).toHaveLength(1);
  });
});
