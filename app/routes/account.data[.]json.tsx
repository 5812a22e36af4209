// Download of everything the portal holds about the signed-in member (JSON). Only ever their own data.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { exportAccountData } from "~/models/account-data.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = exportAccountData({ userId: user.id });
  if (!data) throw new Response("Not Found", { status: 404 });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="colloquy-my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
