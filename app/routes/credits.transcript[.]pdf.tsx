// Issue #17: the member's transcript as a PDF.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { memberLedger } from "~/models/credit-ledger.server";
import { getProvider } from "~/models/credit-config.server";
import { transcriptPdf } from "~/services/certificate-pdf.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ledger = memberLedger({ userId: user.id });
  const pdf = await transcriptPdf({ member: user.name, institute: getProvider().instituteName, generatedAt: new Date(), ...ledger });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="cle-transcript.pdf"', "Cache-Control": "private, no-store" },
  });
}
