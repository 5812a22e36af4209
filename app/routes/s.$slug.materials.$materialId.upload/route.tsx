import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { notFound, requireSeminarRole } from "~/auth/guards.server";
import { Field } from "~/components/form";
import { UploadForm, useUploadReply } from "~/components/upload-form";
import { addMaterialVersion, getMaterial, VersionFormSchema } from "~/models/material.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { materialIdFrom } from "../s.$slug.materials.$materialId._index/materials-params.server";
import { handleUpload, uploadFormData } from "~/services/upload-with-metadata.server";

export const meta: MetaFunction = () => [{ title: "Upload a new version · Colloquy" }];

// A refused upload closes the connection rather than drain a body it will not read (see handleUpload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

async function requireMaterial(request: Request, params: LoaderFunctionArgs["params"]) {
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const material = getMaterial({ seminarId: seminar.id, materialId: materialIdFrom(params) });
  if (!material) notFound();
  return { seminar, user, material };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, material } = await requireMaterial(request, params);
  return { slug: seminar.slug, material: { id: material.id, title: material.title }, ...uploadFormData() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user, material } = await requireMaterial(request, params);
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
  const { errors, values } = useUploadReply();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/s/${slug}/materials/${material.id}`}>← {material.title}</Link>
      </p>
      <h1>New version of “{material.title}”</h1>
      <UploadForm upload={upload} fileError={errors.file} submitLabel="Upload new version">
        <Field label="As of" name="asOf" type="date" required hint="The date this version is current as of." defaultValue={values.asOf ?? today} error={errors.asOf} />
        <Field label="What changed" name="note" maxLength={500} hint="Optional, e.g. “Updated for the 2027 amendments”." defaultValue={values.note ?? ""} error={errors.note} />
      </UploadForm>
    </div>
  );
}
