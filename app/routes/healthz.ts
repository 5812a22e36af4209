import { checkDatabase } from "~/models/health.server";

export function loader() {
  const ok = checkDatabase();
  return new Response(JSON.stringify({ status: ok ? "ok" : "error", database: ok ? "ok" : "unreachable" }), {
    status: ok ? 200 : 503,
    headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
  });
}
