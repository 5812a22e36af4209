// Issue #17: a member downloads their own certificate; any other id is "no such page".
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireUser } from "~/auth/guards.server";
import { certificateForMember, displayCode, parseStatement } from "~/models/certificates.server";
import { certificatePdf } from "~/services/certificate-pdf.server";
import { env } from "~/utils/env.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!/^\d{1,12}$/.test(params.id ?? "")) notFound();
  const c = certificateForMember(Number(params.id), user.id);
  if (!c || c.status !== "valid") notFound();
  const pdf = await certificatePdf({
    statement: parseStatement(c),
    code: c.code,
    displayCode: displayCode(c.code),
    verifyUrl: `${env().APP_URL}/verify/${c.code}`,
    issuedAt: c.issuedAt,
  });
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `inline; filename="certificate-${c.code}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
