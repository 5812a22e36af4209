// The HTML part of a development-outbox message, on its own page with a sandboxing CSP (no scripts, no forms).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireAdmin } from "~/auth/guards.server";
import { getOutboxMessage } from "~/services/outbox.server";
import { env } from "~/utils/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const id = Number(params.id);
  const m = Number.isSafeInteger(id) ? getOutboxMessage({ id }) : undefined;
  if (!m || !m.html || env().SMTP_URL) notFound();
  return new Response(m.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src data:",
      "Cache-Control": "no-store",
    },
  });
}
