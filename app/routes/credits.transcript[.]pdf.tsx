// Issue #17: the member's transcript as a PDF, with how far each of their compliance periods is.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/auth/guards.server";
import { memberLedger } from "~/models/credit-ledger.server";
import { complianceProgress } from "~/models/credit-compliance.server";
import { getProvider } from "~/models/credit-config.server";
import { transcriptPdf } from "~/services/certificate-pdf.server";
import { progressSentences } from "~/utils/credits";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const ledger = memberLedger({ userId: user.id });
  const progress = complianceProgress(user.id, ledger.lines).flatMap(progressSentences);
  const pdf = await transcriptPdf({ member: user.name, institute: getProvider().instituteName, generatedAt: new Date(), ...ledger, progress });
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="cle-transcript.pdf"', "Cache-Control": "private, no-store" },
  });
}
