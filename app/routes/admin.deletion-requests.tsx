// Administrators confirm or decline members' requests to delete their accounts.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin-nav";
import { AdminTable } from "~/components/admin-table";
import { declineDeletionRequest, eraseAccount, listDeletionRequests } from "~/models/account-data.server";
import { removePhoto } from "~/services/photos.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/dates";

export const meta: MetaFunction = () => [{ title: "Deletion requests · Colloquy" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return {
    requests: listDeletionRequests().map((r) => ({
      ...r,
      createdAt: formatDate(r.createdAt),
      decidedAt: r.decidedAt ? formatDate(r.decidedAt) : null,
    })),
  };
}

const DecisionSchema = z.object({
  id: z.coerce.number().int().positive(),
  intent: z.enum(["erase", "decline"]),
  sure: z.literal("on").optional(),
});

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  const parsed = DecisionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) throw new Response("Bad Request", { status: 400 });
  if (parsed.data.intent === "decline") {
    declineDeletionRequest({ requestId: parsed.data.id, adminId: admin.id });
    return redirectWithFlash("/admin/deletion-requests", { kind: "info", message: "The request is declined." });
  }
  if (parsed.data.sure !== "on") {
    return redirectWithFlash("/admin/deletion-requests", { kind: "error", message: "Tick “I am sure” to erase an account." });
  }
  const result = eraseAccount({ requestId: parsed.data.id, adminId: admin.id });
  if (!result.ok) return redirectWithFlash("/admin/deletion-requests", { kind: "error", message: result.message });
  await removePhoto(result.photoFile);
  return redirectWithFlash("/admin/deletion-requests", { kind: "success", message: "The account is erased." });
}

const STATUS = { pending: "Pending", completed: "Erased", cancelled: "Withdrawn", declined: "Declined" } as const;

export default function DeletionRequests() {
  const { requests } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-head">
        <h1>Deletion requests</h1>
        <p className="muted">Erasing removes the member's personal data for good; what they wrote stays, attributed to “Former member”.</p>
      </div>
      <AdminNav />
      <AdminTable
        rows={requests}
        columns={["Member", "Asked on", "Reason", "Status", "Decision"]}
        empty="No member has asked to delete their account."
        rowKey={(r) => r.id}
      >
        {(r) => (
          <>
            <td>
              {r.status === "completed" || !r.userId ? (
                "Former member"
              ) : (
                <>
                  <Link to={`/people/${r.userId}`}>{r.name}</Link>
                  <div className="muted">{r.email}</div>
                </>
              )}
            </td>
            <td>{r.createdAt}</td>
            <td>{r.reason || <span className="muted">—</span>}</td>
            <td>
              {STATUS[r.status]}
              {r.decidedAt ? <div className="muted">{r.decidedAt}</div> : null}
            </td>
            <td>
              {r.status === "pending" ? (
                <div className="actions">
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <label className="check-inline">
                      <input type="checkbox" name="sure" required /> I am sure
                    </label>{" "}
                    <button type="submit" name="intent" value="erase" className="button--danger">
                      Erase account
                    </button>
                  </Form>
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <button type="submit" name="intent" value="decline" className="button--secondary">
                      Decline
                    </button>
                  </Form>
                </div>
              ) : null}
            </td>
          </>
        )}
      </AdminTable>
    </>
  );
}
