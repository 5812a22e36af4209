import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { SessionForm } from "~/components/session-form";
import { createSession } from "~/models/schedule.server";
import { zoneName } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, valuesOf } from "~/utils/forms";
import { SessionFormSchema } from "../s.$slug.schedule._index/schedule-form.server";
import { utcToWallTime } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "Add a session · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  return {
    slug: seminar.slug,
    zoneLabel: `${zoneName(seminar.timeZone, seminar.startsAt)} (${seminar.timeZone})`,
    defaults: { startsAt: utcToWallTime(seminar.startsAt, seminar.timeZone), endsAt: "" },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const submission = parseWithZod(await request.formData(), { schema: SessionFormSchema(seminar.timeZone) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const row = createSession({ seminar, input: submission.value, actorId: user.id });
  return redirectWithFlash(`/s/${seminar.slug}/schedule#session-${row.id}`, { kind: "success", message: `“${row.title}” was added to the schedule.` });
}

export default function NewSession() {
  const { slug, zoneLabel, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/s/${slug}/schedule`}>← Schedule</Link>
      </p>
      <h1>Add a session</h1>
      <SessionForm values={actionData?.result ? valuesOf(actionData.result) : defaults} errors={errorsOf(actionData?.result)} zoneLabel={zoneLabel} submitLabel="Add session" />
    </div>
  );
}
