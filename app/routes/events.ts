// GET /events: the signed-in member's live-update stream (Server-Sent Events); see app/services/events.server.ts.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStreamUser } from "~/auth/guards.server";
import { eventStream } from "~/services/events.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireStreamUser(request);
  return eventStream({ userId: user.id, signal: request.signal });
}
