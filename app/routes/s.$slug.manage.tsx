// Instructors and admins manage who belongs to the seminar, and (after it ends) whether discussions stay open.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { requireSeminarRole } from "~/auth/guards.server";
import { fieldErrors } from "~/auth/forms.server";
import { Field, FormError } from "~/components/form";
import { MemberLink } from "~/components/member-link";
import {
  addExistingMember,
  AddMemberSchema,
  ManageMembershipSchema,
  changeMemberRole,
  listSeminarMembers,
  removeMember,
  setDiscussionsReadOnly,
} from "~/models/membership.server";
import { memberNames, profilesFor } from "~/models/profile.server";
import { redirectWithFlash } from "~/utils/flash.server";

export const meta: MetaFunction = () => [{ title: "Manage the seminar · Colloquy" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { seminar, user, phase } = await requireSeminarRole(request, params.slug, "instructor");
  const page = Math.min(Math.max(Number(new URL(request.url).searchParams.get("page")) || 1, 1), 10_000);
  const { members, hasMore, total } = listSeminarMembers({ seminarId: seminar.id, page });
  const ids = members.map((m) => m.userId);
  const names = memberNames(ids);
  const visible = profilesFor(user, ids, { ignoreDirectoryOptOut: true });
  return {
    slug: seminar.slug,
    phase,
    readOnly: seminar.discussionsReadOnly,
    viewerId: user.id,
    isAdmin: user.role === "admin",
    page,
    hasMore,
    total,
    members: members.map((m) => ({
      id: m.userId,
      member: names.get(m.userId) ?? { id: m.userId, name: m.name },
      email: visible.get(m.userId)?.email ?? null,
      role: m.role,
      inactive: m.status !== "active",
    })),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { seminar, user, phase } = await requireSeminarRole(request, params.slug, "instructor");
  const form = Object.fromEntries(await request.formData());
  const parsed = ManageMembershipSchema.safeParse(form);
  const here = `/s/${seminar.slug}/manage`;
  if (!parsed.success) return data({ errors: {} as Record<string, string>, formError: "That request was not understood.", values: {} }, { status: 400 });
  const input = parsed.data;
  const isAdmin = user.role === "admin";
  if ((input.intent === "role" || input.intent === "remove") && input.userId === user.id && !isAdmin) {
    return data(
      { errors: {}, formError: "You cannot change your own place in the seminar. Ask an administrator.", values: {} },
      { status: 400 },
    );
  }
  switch (input.intent) {
    case "add": {
      const fields = AddMemberSchema.safeParse({ email: input.email, role: input.role });
      const values = { email: input.email, role: input.role };
      if (!fields.success) return data({ errors: fieldErrors(fields.error), formError: null, values }, { status: 400 });
      const result = addExistingMember({ seminarId: seminar.id, ...fields.data, actorId: user.id });
      if (!result.ok) return data({ errors: { [result.field]: result.error }, formError: null, values }, { status: 400 });
      return redirectWithFlash(here, { kind: "success", message: result.message });
    }
    case "role": {
      if (!changeMemberRole({ seminarId: seminar.id, userId: input.userId, role: input.role, actorId: user.id })) {
        throw new Response("Not Found", { status: 404, statusText: "Not Found" });
      }
      return redirectWithFlash(here, { kind: "success", message: "The role was changed." });
    }
    case "remove": {
      if (!removeMember({ seminarId: seminar.id, userId: input.userId, actorId: user.id })) {
        throw new Response("Not Found", { status: 404, statusText: "Not Found" });
      }
      return redirectWithFlash(here, { kind: "success", message: "The member was removed from the seminar." });
    }
    case "read-only": {
      if (phase !== "alumni") {
        return data({ errors: {}, formError: "Discussions can be made read-only once the seminar has ended.", values: {} }, { status: 400 });
      }
      setDiscussionsReadOnly({ seminarId: seminar.id, readOnly: input.readOnly === "on" });
      return redirectWithFlash(here, {
        kind: "success",
        message: input.readOnly === "on" ? "Discussions are now read-only." : "Discussions are open again.",
      });
    }
  }
}

export default function Manage() {
  const { slug, phase, readOnly, viewerId, isAdmin, members, page, hasMore, total } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const errors: Record<string, string | undefined> = actionData?.errors ?? {};
  const values: Record<string, string | undefined> = actionData?.values ?? {};
  return (
    <div className="stack">
      <h1>Manage the seminar</h1>
      <FormError message={actionData?.formError} />
      <section className="card" aria-labelledby="add-title">
        <h2 id="add-title">Add a member</h2>
        <p className="muted">For people who already have an account. Newcomers need an invitation.</p>
        <Form method="post" noValidate className="add-member-form">
          <input type="hidden" name="intent" value="add" />
          <Field label="Email address" name="email" type="email" required defaultValue={values.email ?? ""} error={errors.email} />
          <div className="field">
            <label htmlFor="add-role">Role</label>
            <select id="add-role" name="role" defaultValue={values.role ?? "attendee"}>
              <option value="attendee">Attendee</option>
              <option value="instructor">Instructor</option>
            </select>
          </div>
          <button type="submit">Add to the seminar</button>
        </Form>
      </section>
      <section aria-labelledby="members-title">
        <h2 id="members-title">Members ({total})</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const locked = m.id === viewerId && !isAdmin;
                return (
                  <tr key={m.id}>
                    <td>
                      <MemberLink member={m.member} />
                      {m.email ? <div className="muted">{m.email}</div> : null}
                      {m.inactive ? <div className="muted">Account inactive</div> : null}
                    </td>
                    <td>
                      {locked ? (
                        m.role === "instructor" ? "Instructor (you)" : "Attendee (you)"
                      ) : (
                        <Form method="post" className="role-form">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={m.id} />
                          <label className="visually-hidden" htmlFor={`role-${m.id}`}>
                            Role of {m.member.name}
                          </label>
                          <select id={`role-${m.id}`} name="role" defaultValue={m.role}>
                            <option value="attendee">Attendee</option>
                            <option value="instructor">Instructor</option>
                          </select>
                          <button type="submit" className="button--secondary">
                            Change<span className="visually-hidden"> role of {m.member.name}</span>
                          </button>
                        </Form>
                      )}
                    </td>
                    <td>
                      {locked ? null : (
                        <details className="confirm">
                          <summary>
                            Remove…<span className="visually-hidden"> {m.member.name}</span>
                          </summary>
                          <Form method="post">
                            <input type="hidden" name="intent" value="remove" />
                            <input type="hidden" name="userId" value={m.id} />
                            <p>{m.member.name} loses access to this seminar at once.</p>
                            <button type="submit" className="button--danger">
                              Remove {m.member.name}
                            </button>
                          </Form>
                        </details>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <nav aria-label="Member pages" className="actions">
          {page > 1 ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page - 1) })}`}>← Previous</Link> : null}
          {hasMore ? <Link to={`?${new URLSearchParams({ ...Object.fromEntries(params), page: String(page + 1) })}`}>Next →</Link> : null}
        </nav>
      </section>
      <section className="card" aria-labelledby="discussions-title">
        <h2 id="discussions-title">Discussions after the seminar</h2>
        {phase === "alumni" ? (
          <Form method="post">
            <input type="hidden" name="intent" value="read-only" />
            <input type="hidden" name="readOnly" value={readOnly ? "off" : "on"} />
            <p>{readOnly ? "Discussions are read-only: everything stays readable, nobody can add to it." : "Discussions are open: alumni can still post and comment."}</p>
            <button type="submit" className="button--secondary">
              {readOnly ? "Open discussions again" : "Make discussions read-only"}
            </button>
          </Form>
        ) : (
          <p className="muted">Once the seminar has ended you can make its discussions read-only here. Everything stays available.</p>
        )}
      </section>
      <p>
        <Link to={`/s/${slug}`}>← Back to the seminar</Link>
      </p>
    </div>
  );
}
