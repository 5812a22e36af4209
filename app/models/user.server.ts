import { eq } from "drizzle-orm";
import { users } from "../../db/schema";
import { db } from "./db.server";

export type UserRow = typeof users.$inferSelect;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findUserByEmail({ email }: { email: string }): UserRow | undefined {
  return db().select().from(users).where(eq(users.email, normalizeEmail(email))).get();
}

export function getUserById({ id }: { id: number }): UserRow | undefined {
  return db().select().from(users).where(eq(users.id, id)).get();
}
