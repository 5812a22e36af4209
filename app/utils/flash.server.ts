import { createCookieSessionStorage, redirect } from "@remix-run/node";
import { env } from "./env.server";

export type Flash = { kind: "success" | "info" | "error"; message: string };

let storage: ReturnType<typeof createCookieSessionStorage<Record<string, never>, { flash: Flash }>> | null = null;
function flashStorage() {
  if (!storage) {
    const secure = new URL(env().APP_URL).protocol === "https:";
    storage = createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
      cookie: {
        name: secure ? "__Host-colloquy_flash" : "colloquy_flash",
        httpOnly: true,
        sameSite: "lax",
        path: "/",
        secure,
        secrets: [env().SESSION_SECRET],
      },
    });
  }
  return storage;
}

/** Redirects and shows a one-time message on the next page. */
export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}) {
  const s = await flashStorage().getSession();
  s.flash("flash", flash);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashStorage().commitSession(s));
  return redirect(to, { ...init, headers });
}

/** Reads (and consumes) the pending flash message. */
export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookie = request.headers.get("cookie");
  if (!cookie || !cookie.includes("colloquy_flash")) return { flash: null, setCookie: null };
  const s = await flashStorage().getSession(cookie);
  const flash = (s.get("flash") as Flash | undefined) ?? null;
  return { flash, setCookie: flash ? await flashStorage().commitSession(s) : null };
}
