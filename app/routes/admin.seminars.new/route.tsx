// New seminar, optionally cloned from an earlier one: its texts prefill the form, and on saving its structure
// (schedule, wiki skeleton, survey) is copied by cloneSeminarStructure. Members are never copied.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { SeminarForm } from "~/components/seminar-form";
import { createSeminarRecord, getSeminarById, instructorEmails, checkSeminarInput, seminarFormValues } from "~/models/seminar.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { errorsOf, fieldLists, valuesOf } from "~/utils/forms";
import { SeminarFormSchema } from "../admin.seminars._index/seminar-form.server";
import { timeZoneList } from "~/utils/zoned-time";

export const meta: MetaFunction = () => [{ title: "New seminar · Administration · Colloquy" }];

function sourceFrom(raw: string | null | undefined) {
  if (!raw || !/^\d{1,12}$/.test(raw)) return undefined;
  return getSeminarById({ id: Number(raw) });
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const source = sourceFrom(new URL(request.url).searchParams.get("from"));
  const values = source
    ? {
        ...seminarFormValues(source, instructorEmails({ seminarId: source.id })),
        title: `${source.title} (copy)`,
        slug: "",
        startsAt: "",
        endsAt: "",
        cloneFrom: String(source.id),
      }
    : { timeZone: "America/New_York" };
  return { values, source: source ? { id: source.id, title: source.title } : null, timeZones: timeZoneList() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: SeminarFormSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const parsed = checkSeminarInput(submission.value);
  if (!parsed.ok) return data({ result: submission.reply({ fieldErrors: fieldLists(parsed.errors) }) }, { status: 400 });
  const source = sourceFrom(submission.value.cloneFrom ?? null);
  const seminar = createSeminarRecord({ input: parsed.value, cloneFromId: source?.id ?? null, actorId: admin.id });
  return redirectWithFlash(`/s/${seminar.slug}`, {
    kind: "success",
    message: source ? `The seminar was created from “${source.title}”.` : "The seminar was created.",
  });
}

export default function NewSeminar() {
  const { values, source, timeZones } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <div className="page-head">
        <h1>{source ? `New seminar from “${source.title}”` : "New seminar"}</h1>
      </div>
      <AdminNav />
      <p>
        <Link to="/admin/seminars">← All seminars</Link>
      </p>
      {source ? (
        <p className="flash">
          Saving copies the structure of “{source.title}”: its schedule (moved to the new dates), its wiki pages and its
          survey (as an unpublished draft). Members, materials and discussions are not copied.
        </p>
      ) : null}
      <SeminarForm values={actionData?.result ? valuesOf(actionData.result) : values} errors={errorsOf(actionData?.result)} timeZones={timeZones} submitLabel="Create seminar" />
    </>
  );
}
