// Issue #20: the member's own bookmarks as a Netscape bookmark file (every browser imports it).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { exportNetscape } from "~/models/bookmarks-netscape.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return new Response(exportNetscape({ viewer: user }), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": 'attachment; filename="colloquy-bookmarks.html"',
      "Cache-Control": "private, no-store",
      // Opened by mistake in a tab it stays inert.
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
