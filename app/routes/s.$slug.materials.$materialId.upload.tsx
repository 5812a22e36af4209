import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { Field } from "~/components/form";
import { UploadField } from "~/components/upload-field";
import { addMaterialVersion, getMaterial, VersionFormSchema } from "~/models/material.server";
import { ACCEPT_ATTRIBUTE, ACCEPTED_KINDS, maxUploadBytes, maxUploadLabel } from "~/services/uploads.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { handleUpload } from "./materials-upload.server";
import { materialIdFrom } from "./materials-params.server";

export const meta: MetaFunction = () => [{ title: "Upload a new version · Colloquy" }];

// A refused upload closes the connection rather than drain a body it will not read (see uploadFailure).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material) notFound();
  return {
    slug: seminar.slug,
    material: { id: material.id, title: material.title },
    today: new Date().toISOString().slice(0, 10),
    upload: { maxBytes: maxUploadBytes(), maxLabel: maxUploadLabel(), kinds: ACCEPTED_KINDS, accept: ACCEPT_ATTRIBUTE },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material) notFound();
  const result = await handleUpload(request, VersionFormSchema, (input, file) => {
    addMaterialVersion({ seminar, material, actorId: user.id, ...input, file });
    return `/s/${seminar.slug}/materials/${material.id}`;
  });
  if (!result.ok) return result.response;
  return redirectWithFlash(result.redirectTo, {
    kind: "success",
    message: "The new version was uploaded. Earlier versions stay listed, and members who downloaded one are told.",
  });
}

export default function NewVersion() {
  const { slug, material, today, upload } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  const busy = useNavigation().state === "submitting";
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/s/${slug}/materials/${material.id}`}>← {material.title}</Link>
      </p>
      <h1>New version of “{material.title}”</h1>
      <Form method="post" encType="multipart/form-data" noValidate className="card">
        <Field label="As of" name="asOf" type="date" required hint="The date this version is current as of." defaultValue={values.asOf ?? today} error={errors.asOf} />
        <Field label="What changed" name="note" maxLength={500} hint="Optional, e.g. “Updated for the 2027 amendments”." defaultValue={values.note ?? ""} error={errors.note} />
        <UploadField label="File" accept={upload.accept} maxBytes={upload.maxBytes} maxLabel={upload.maxLabel} kinds={upload.kinds} error={errors.file} />
        <div className="actions">
          <button type="submit" disabled={busy}>
            {busy ? "Uploading…" : "Upload new version"}
          </button>
        </div>
      </Form>
    </div>
  );
}
