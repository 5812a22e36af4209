// Messaging choices (issue #15): who may message me, how long an unread message waits before I am told, and the
// block list. The form is a section of /profile/settings; this route only saves it (and blocks from a profile).
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requireUser, safeRedirectPath } from "~/auth/guards.server";
import { memberName } from "~/models/profile.server";
import { saveMessageSettings, setBlocked } from "~/models/message-settings.server";
import { UNREAD_MAIL_DELAYS, WHO_MAY_MESSAGE } from "~/utils/messages";
import { redirectWithFlash } from "~/utils/flash.server";

const SettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("settings"),
    whoMayMessage: z.enum(WHO_MAY_MESSAGE, { error: "Choose who may message you." }),
    unreadMailMinutes: z.coerce
      .number()
      .int()
      .refine((n) => (UNREAD_MAIL_DELAYS as readonly number[]).includes(n), "Choose one of the delays."),
  }),
  z.object({
    intent: z.enum(["block", "unblock"]),
    userId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    redirectTo: z.string().optional(),
  }),
]);

export async function loader() {
  return redirect("/profile/settings#messaging");
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const submission = parseWithZod(await request.formData(), { schema: SettingsSchema });
  if (submission.status !== "success") {
    return redirectWithFlash("/profile/settings#messaging", { kind: "error", message: "Those messaging settings could not be saved. Please choose again." });
  }
  const v = submission.value;
  if (v.intent === "settings") {
    saveMessageSettings({ userId: user.id, whoMayMessage: v.whoMayMessage, unreadMailMinutes: v.unreadMailMinutes });
    return redirectWithFlash("/profile/settings#messaging", { kind: "success", message: "Your messaging settings are saved." });
  }
  if (v.userId === user.id) throw new Response("Bad Request", { status: 400 });
  const name = memberName(v.userId).name;
  setBlocked({ userId: user.id, otherId: v.userId, blocked: v.intent === "block" });
  const back = safeRedirectPath(v.redirectTo, "/profile/settings#messaging");
  return redirectWithFlash(back, {
    kind: "success",
    message:
      v.intent === "block"
        ? `You blocked ${name}. They cannot message you and you will not see their messages; they are not told.`
        : `You unblocked ${name}.`,
  });
}
