import { findUserByEmail } from "~/models/user.server";
import { verifyPassword } from "./password.server";
import { createUserSession } from "./session.server";

export type SignInResult =
  | { ok: true; cookie: string; userId: number }
  | { ok: false; status: number; message: string; retryAfter?: number };

const GENERIC = "That email and password don't match an active account.";

/** The same answer whether or not the account exists (no enumeration). */
export async function signIn({
  email,
  password,
}: {
  email: string;
  password: string;
  request: Request;
}): Promise<SignInResult> {
  const user = findUserByEmail({ email });
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || user.status !== "active") return { ok: false, status: 400, message: GENERIC };
  return { ok: true, cookie: await createUserSession(user.id), userId: user.id };
}
