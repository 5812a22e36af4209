// Demo data for issue #8, run by db/seed.ts after the core seed. Texts belong in content/demo/.
import type { SeedContext, SeedDB } from "../seed";

export async function seedSurveys(_db: SeedDB, _ctx: SeedContext): Promise<void> {
  // Filled in by the feature that owns these tables.
}
