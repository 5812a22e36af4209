import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { Field, TextArea } from "~/components/form";
import { UploadForm, useUploadReply } from "~/components/upload-form";
import { createMaterial, MaterialFormSchema } from "~/models/material.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { handleUpload, uploadFormData } from "~/services/upload-with-metadata.server";

export const meta: MetaFunction = () => [{ title: "Upload a material · Colloquy" }];

// A refused upload closes the connection rather than drain a body it will not read (see handleUpload).
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar } = await requireSeminarRole(request, params.slug, "instructor");
  return { slug: seminar.slug, ...uploadFormData() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Who is asking comes first: nobody else's upload is ever read.
  const { seminar, user } = await requireSeminarRole(request, params.slug, "instructor");
  const result = await handleUpload(request, MaterialFormSchema, (input, file) => {
    const material = createMaterial({ seminar, actorId: user.id, ...input, file });
    return `/s/${seminar.slug}/materials/${material.id}`;
  });
  if (!result.ok) return result.response;
  return redirectWithFlash(result.redirectTo, { kind: "success", message: "The material was uploaded. Members can download it now." });
}

export default function NewMaterial() {
  const { slug, today, upload } = useLoaderData<typeof loader>();
  const { errors, values } = useUploadReply();
  return (
    <div className="narrow-wide stack">
      <p>
        <Link to={`/s/${slug}/materials`}>← Materials</Link>
      </p>
      <h1>Upload a material</h1>
      <UploadForm upload={upload} fileError={errors.file} submitLabel="Upload">
        <Field label="Title" name="title" required maxLength={200} defaultValue={values.title ?? ""} error={errors.title} />
        <TextArea
          label="Description"
          name="description"
          maxLength={2000}
          hint="Optional: what it is and when to read it."
          defaultValue={values.description ?? ""}
          error={errors.description}
        />
        <Field
          label="As of"
          name="asOf"
          type="date"
          required
          hint="The date the content is current as of (e.g. the state of the law)."
          defaultValue={values.asOf ?? today}
          error={errors.asOf}
        />
      </UploadForm>
    </div>
  );
}
