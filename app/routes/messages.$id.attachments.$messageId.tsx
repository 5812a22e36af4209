// A message's attachment: only to members of its conversation, as a download with the type we detected.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import fs from "node:fs";
import { z } from "zod";
import { notFound, requireUser } from "~/auth/guards.server";
import { getMessageForMember } from "~/models/messages.server";
import { moderationStates } from "~/models/moderation-state.server";
import { contentDisposition, storedFilePath } from "~/services/uploads.server";

const IdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const conversationId = IdSchema.safeParse(params.id);
  const messageId = IdSchema.safeParse(params.messageId);
  if (!conversationId.success || !messageId.success) notFound();
  const m = getMessageForMember({ viewer: user, messageId: messageId.data });
  if (!m || m.conversationId !== conversationId.data || !m.attachmentStored) notFound();
  const state = moderationStates("message", [m.id]).get(m.id);
  if (state === "removed" || (state === "hidden" && m.authorId !== user.id)) notFound();
  const file = storedFilePath("messages", m.attachmentStored);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    notFound();
  }
  const headers = new Headers({
    "Content-Type": m.attachmentType ?? "application/octet-stream",
    "Content-Disposition": contentDisposition(m.attachmentName ?? "attachment"),
    "Content-Length": String(size),
    "Cache-Control": "private, no-store",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  });
  if (request.method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(createReadableStreamFromReadable(fs.createReadStream(file)), { status: 200, headers });
}
