// Factories shared by the demo seed and the tests. They write through drizzle directly (no HTTP), and
// take a connection so tests can point them at their own database file.
import { hash } from "@node-rs/argon2";
import type { BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

type DB = BetterSQLite3Database<typeof schema>;

const hashCache = new Map<string, Promise<string>>();
/** Argon2id hash, memoised per password so seeding dozens of demo users stays fast. */
export function hashOnce(password: string): Promise<string> {
  let h = hashCache.get(password);
  if (!h) {
    h = hash(password, { algorithm: 2 /* Algorithm.Argon2id (a const enum) */, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    hashCache.set(password, h);
  }
  return h;
}

let seq = 0;
export async function createUser(
  db: DB,
  input: Partial<typeof schema.users.$inferInsert> & { password?: string } = {},
): Promise<typeof schema.users.$inferSelect> {
  seq += 1;
  const { password, ...rest } = input;
  const email = (rest.email ?? `member${Date.now().toString(36)}${seq}@example.com`).toLowerCase();
  return db
    .insert(schema.users)
    .values({
      name: rest.name ?? `Member ${seq}`,
      role: "member",
      passwordHash: password === undefined ? await hashOnce("correct horse battery staple") : await hashOnce(password),
      ...rest,
      email,
    })
    .returning()
    .get();
}

export function createSeminar(
  db: DB,
  input: Partial<typeof schema.seminars.$inferInsert> = {},
): typeof schema.seminars.$inferSelect {
  seq += 1;
  const start = input.startsAt ?? new Date(Date.now() + 14 * 86400_000);
  return db
    .insert(schema.seminars)
    .values({
      slug: input.slug ?? `seminar-${seq}-${Date.now().toString(36)}`,
      title: input.title ?? `Seminar ${seq}`,
      startsAt: start,
      endsAt: input.endsAt ?? new Date(start.getTime() + 8 * 3600_000),
      ...input,
    })
    .returning()
    .get();
}

export function addMember(
  db: DB,
  input: { seminarId: number; userId: number; role?: "instructor" | "attendee" },
) {
  db.insert(schema.memberships)
    .values({ seminarId: input.seminarId, userId: input.userId, role: input.role ?? "attendee" })
    .onConflictDoUpdate({
      target: [schema.memberships.seminarId, schema.memberships.userId],
      set: { role: input.role ?? "attendee" },
    })
    .run();
}
