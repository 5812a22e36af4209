// Issue #17: public entry to certificate verification (the code printed on a certificate).
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { normalizeCode } from "~/models/credit-attendance.server";

export const meta: MetaFunction = () => [{ title: "Verify a certificate · Colloquy" }, { name: "robots", content: "noindex" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const code = normalizeCode(new URL(request.url).searchParams.get("code") ?? "");
  if (/^[A-Z0-9]{1,40}$/.test(code)) throw redirect(`/verify/${code}`);
  return null;
}

export default function VerifyIndex() {
  return (
    <div className="narrow stack">
      <h1>Verify a certificate</h1>
      <p>Enter the verification code printed on a certificate of attendance, or scan its QR code.</p>
      <Form method="get" className="stack">
        <div className="field">
          <label htmlFor="code">Verification code</label>
          <input id="code" name="code" autoComplete="off" autoCapitalize="characters" spellCheck={false} />
        </div>
        <button type="submit">Verify</button>
      </Form>
    </div>
  );
}
