// Issue #20: the people and seminars the library's HTTP tests share: staff, a member of one seminar, an outsider
// in another, each signed in once (the sign-in throttle counts per client address), against the production build.
import { createHash } from "node:crypto";
import { addMember, createSeminar, createUser } from "../../db/factories";
import type { DocumentInput } from "~/models/library.server";
import { storeGeneratedFile } from "~/services/uploads.server";
import { Client } from "./http";
import { startTestServer, type TestServer } from "./server";

export const PASSWORD = "correct horse battery staple";

export interface LibraryWorld {
  server: TestServer;
  staff: Client;
  member: Client;
  outsider: Client;
  memberId: number;
  seminar: { id: number; slug: string };
  outsiderSeminar: { id: number; slug: string };
  /** A multipart upload as a browser sends it (the file last). */
  /** Polls a page until it shows `text` (the server reads uploaded text in the background); returns the last page. */
  waitForText: (c: Client, path: string, text: string) => Promise<string>;
  upload: (c: Client, where: string, fields: Record<string, string>, file: Uint8Array, name: string, type?: string) => Promise<Response>;
}

export async function startLibraryWorld(label: string): Promise<LibraryWorld> {
  const server = await startTestServer({ label });
  await createUser(server.db, { email: "staff@example.com", name: "Stan Staff", password: PASSWORD, role: "admin" });
  const m = await createUser(server.db, { email: "member@example.com", name: "Mia Member", password: PASSWORD });
  const o = await createUser(server.db, { email: "out@example.com", name: "Otto Outsider", password: PASSWORD });
  const seminar = createSeminar(server.db, { title: "Members Only Seminar" });
  const outsiderSeminar = createSeminar(server.db, { title: "Outsider Seminar" });
  addMember(server.db, { seminarId: seminar.id, userId: m.id, role: "attendee" });
  addMember(server.db, { seminarId: outsiderSeminar.id, userId: o.id, role: "attendee" });
  const clients = await Promise.all(
    ["staff@example.com", "member@example.com", "out@example.com"].map(async (email) => {
      const c = new Client(server.url);
      await c.signIn(email, PASSWORD);
      return c;
    }),
  );
  const upload = (c: Client, where: string, fields: Record<string, string>, file: Uint8Array, name: string, type = "application/pdf") => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append("file", new Blob([new Uint8Array(file)], { type }), name);
    return c.fetch(where, { method: "POST", body: form, headers: { Origin: server.origin } });
  };
  const waitForText = async (c: Client, path: string, text: string) => {
    let html = "";
    for (let i = 0; i < 100 && !html.includes(text); i++) {
      if (i) await new Promise((r) => setTimeout(r, 100));
      html = await (await c.get(path)).text();
    }
    return html;
  };
  return { waitForText, server, staff: clients[0]!, member: clients[1]!, outsider: clients[2]!, memberId: m.id, seminar, outsiderSeminar, upload };
}

/** A file stored as an upload would be, for models called in process. */
export async function stored(bytes: Buffer, fileName: string, contentType = "application/pdf") {
  const storedName = await storeGeneratedFile("materials", bytes);
  return { storedName, fileName, contentType, size: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") };
}

/** A library document's form values. */
export const docInput = (over: Partial<DocumentInput> = {}): DocumentInput => ({
  title: "Data Retention Act",
  kind: "statute",
  jurisdiction: "Germany",
  areas: "Privacy, Data protection",
  dated: "2024-05-01",
  citation: "DRA §§ 4–5",
  description: "Retention periods and erasure.",
  asOf: "2026-11-01",
  ...over,
});
