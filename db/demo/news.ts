// Demo data for issue #7: the default network-wide legal news sources from content/news/default-sources.opml, and
// the topics each demo seminar follows. No items are seeded: the demo has no internet, so the news pages show each
// source as "not fetched yet" until the first successful fetch.
import fs from "node:fs";
import path from "node:path";
import type { SeedContext, SeedDB } from "../seed";
import { insertSource, normalizeTags } from "../../app/models/news.server";
import { parseOpml } from "../../app/services/opml.server";
import * as schema from "../schema";
import type { DB } from "../../app/models/db.server";

const SEMINAR_TOPICS: Record<string, string[]> = {
  "privacy-2027": ["privacy", "data protection", "technology"],
  "trial-advocacy-intensive": ["litigation", "courts", "supreme court"],
  "ethics-ai-2026": ["legal profession", "legal technology", "ai"],
};

export async function seedNews(db: SeedDB, ctx: SeedContext): Promise<void> {
  const file = path.resolve(process.cwd(), "content/news/default-sources.opml");
  const parsed = parseOpml(fs.readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`content/news/default-sources.opml: ${parsed.error}`);
  const adminId = ctx.usersByEmail.get(ctx.institute.admins[0]!.email) ?? null;
  const tx = db as unknown as DB;
  for (const s of parsed.value.sources) {
    insertSource(tx, {
      scope: "network",
      url: s.url,
      name: s.name,
      tags: normalizeTags(s.tags),
      includeKeywords: "",
      excludeKeywords: "",
      requiresApproval: false,
      addedById: adminId,
    });
  }
  for (const [slug, tags] of Object.entries(SEMINAR_TOPICS)) {
    const seminarId = ctx.seminarsBySlug.get(slug);
    if (!seminarId) continue;
    for (const tag of tags) db.insert(schema.newsSeminarTopics).values({ seminarId, tag }).onConflictDoNothing().run();
  }
}
