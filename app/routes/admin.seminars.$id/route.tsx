import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { notFound, requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { SeminarForm } from "~/components/seminar-form";
import { getSeminarById, instructorEmails, checkSeminarInput, seminarFormValues, updateSeminarRecord } from "~/models/seminar.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, fieldLists, valuesOf } from "~/utils/forms";
import { SeminarFormSchema } from "../admin.seminars._index/seminar-form.server";
import { timeZoneList } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "Edit seminar · Administration · Colloquy" }];

function seminarFrom(raw: string | undefined) {
  if (!raw || !/^\d{1,12}$/.test(raw)) notFound();
  const s = getSeminarById({ id: Number(raw) });
  if (!s) notFound();
  return s;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const s = seminarFrom(params.id);
  return {
    seminar: { id: s.id, slug: s.slug, title: s.title },
    values: seminarFormValues(s, instructorEmails({ seminarId: s.id })),
    timeZones: timeZoneList(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  await requireAdmin(request);
  const s = seminarFrom(params.id);
  const submission = parseWithZod(await request.formData(), { schema: SeminarFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const parsed = checkSeminarInput(submission.value, { seminarId: s.id });
  if (!parsed.ok) return data({ result: submission.reply({ fieldErrors: fieldLists(parsed.errors) }) }, { status: 400 });
  const updated = updateSeminarRecord({ id: s.id, input: parsed.value });
  return redirectWithFlash(`/s/${updated?.slug ?? s.slug}`, { kind: "success", message: "The seminar was saved." });
}

export default function EditSeminar() {
  const { seminar, values, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>Edit “{seminar.title}”</h1>
      </div>
      <AdminNav />
      <p className="actions">
        <Link to="/admin/seminars">← All seminars</Link>
        <Link to={`/s/${seminar.slug}`}>Open the seminar</Link>
        <Link to={`/s/${seminar.slug}/manage`}>Members</Link>
        <Link to={`/s/${seminar.slug}/enrolment`}>Enrolment and catalogue listing</Link>
        <Link to={`/admin/seminars/new?from=${seminar.id}`}>Clone into a new seminar</Link>
      </p>
      <SeminarForm values={actionData?.result ? valuesOf(actionData.result) : values} errors={errorsOf(actionData?.result)} timeZones={timeZones} submitLabel="Save changes" />
    </>
  );
}
