// Issue #18: a member's "services and skills" (languages, industries, notable matters, availability). Who sees it is
// the member's "Services and skills" visibility, applied in profileFor like every other field.
import { writeTransaction } from "./db.server";
import { upsertProfile } from "./profile-write.server";

export interface SkillsInput {
  skillLanguages: string;
  skillIndustries: string;
  notableMatters: string;
  availability: string;
}

export function saveServicesAndSkills({ userId, input }: { userId: number; input: SkillsInput }): void {
  writeTransaction((tx) => upsertProfile(tx, userId, { ...input, updatedAt: new Date() }));
}
