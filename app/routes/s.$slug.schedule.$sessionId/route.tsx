import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { SessionForm } from "~/components/session-form";
import { deleteSession, getSession, updateSession } from "~/models/schedule.server";
import { zoneName } from "~/utils/dates";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, valuesOf } from "~/utils/forms";
import { SessionFormSchema } from "../s.$slug.schedule._index/schedule-form.server";
import { utcToWallTime } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "Edit session · Colloquy" }];

function sessionIdFrom(raw: string | undefined): number {
  if (!raw || !/^\d{1,12}$/.test(raw)) notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const s = getSession({ seminarId: seminar.id, sessionId: sessionIdFrom(params.sessionId) });
  if (!s) notFound();
  return {
    slug: seminar.slug,
    zoneLabel: `${zoneName(seminar.timeZone, s.startsAt)} (${seminar.timeZone})`,
    session: {
      title: s.title,
      startsAt: utcToWallTime(s.startsAt, seminar.timeZone),
      endsAt: utcToWallTime(s.endsAt, seminar.timeZone),
      speaker: s.speaker,
      room: s.room,
      meetingUrl: s.meetingUrl,
      description: s.description,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const sessionId = sessionIdFrom(params.sessionId);
  if (!getSession({ seminarId: seminar.id, sessionId })) notFound();
  const form = await request.formData();
  if (form.get("intent") === "delete") {
    deleteSession({ seminarId: seminar.id, sessionId });
    return redirectWithFlash(`/s/${seminar.slug}/schedule`, { kind: "success", message: "The session was removed from the schedule." });
  }
  const submission = parseWithZod(form, { schema: SessionFormSchema(seminar.timeZone) });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  updateSession({ seminarId: seminar.id, sessionId, input: submission.value });
  return redirectWithFlash(`/s/${seminar.slug}/schedule#session-${sessionId}`, { kind: "success", message: "The session was updated." });
}

export default function EditSession() {
  const { slug, zoneLabel, session } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/s/${slug}/schedule`}>← Schedule</Link>
      </p>
      <h1>Edit session</h1>
      <SessionForm values={actionData?.result ? valuesOf(actionData.result) : session} errors={errorsOf(actionData?.result)} zoneLabel={zoneLabel} submitLabel="Save changes" />
      {/* A second, deliberate step before anything is removed; it works without JavaScript. */}
      <details className="confirm card">
        <summary>Remove this session…</summary>
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <p>Removing the session takes it out of the schedule and out of everyone's subscribed calendars.</p>
          <button type="submit" className="button--danger">
            Remove “{session.title}”
          </button>
        </Form>
      </details>
    </div>
  );
}
