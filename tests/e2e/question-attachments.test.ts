// Issue #14 in Chromium against the production build: a member asks a seminar question with a file. A refused file
// (wrong kind) is reported next to the file field with everything typed kept; a file too large is refused before it
// is sent; a received file survives the "similar questions" step; classmates see and download it; a member of
// another seminar gets the same 404 as for a file that does not exist.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, createSeminar, createUser } from "../../db/factories";
import * as schema from "../../db/schema";
import { hasBrowser, launchBrowser, signedInPages } from "../helpers/browser";
import { Client } from "../helpers/http";
import { startTestServer, type TestServer } from "../helpers/server";

const PASSWORD = "correct horse battery staple";
const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe.skipIf(!hasBrowser)("question attachments in a browser", () => {
  let server: TestServer;
  let browser: Browser;
  let dir: string;
  // Phone width: the form and the file list must work at 390 px.
  const as = signedInPages(() => browser, () => server.url, PASSWORD, { viewport: { width: 390, height: 844 } });

  beforeAll(async () => {
    server = await startTestServer({ label: "question-attachments-e2e", env: { MAX_UPLOAD_MB: "1" } });
    browser = await launchBrowser();
    const d = server.db;
    const ids: Record<string, number> = {};
    for (const key of ["ada", "dan", "olga"]) ids[key] = (await createUser(d, { name: `${key} Member`, email: `${key}@example.com` })).id;
    const sem = createSeminar(d, { slug: "files-sem", title: "Files Seminar" });
    const other = createSeminar(d, { slug: "files-other", title: "Other Seminar" });
    addMember(d, { seminarId: sem.id, userId: ids.ada!, role: "attendee" });
    addMember(d, { seminarId: sem.id, userId: ids.dan!, role: "attendee" });
    addMember(d, { seminarId: other.id, userId: ids.olga!, role: "attendee" });
    // An earlier question with the same words, so the "similar questions" step comes before posting.
    const dan = new Client(server.url);
    await dan.signIn("dan@example.com", PASSWORD);
    const earlier = await dan.post("/questions/new?seminar=files-sem", { title: "Engagement letter for a pro bono client", body: "Which clauses?", audience: "seminar", confirmed: "1" });
    expect(earlier.status).toBe(302);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "qa-files-"));
    fs.writeFileSync(path.join(dir, "letter.pdf"), PDF);
    fs.writeFileSync(path.join(dir, "drawing.svg"), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    fs.writeFileSync(path.join(dir, "huge.txt"), Buffer.alloc(1_200_000, 0x41));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("asks with a file, keeps everything through a refusal, and shows the file only to the seminar", { timeout: 120_000 }, async () => {
    const ada = await as("ada", "/questions/new?seminar=files-sem");
    const title = "Is our engagement letter enough for a pro bono matter?";
    await ada.getByLabel("Your question in one line").fill(title);
    await ada.getByLabel("Details").fill("The letter is attached; we changed the fee clause.");
    // Too large: refused in the page before anything is sent, with the limit named.
    await ada.getByLabel("Attach a file (optional)").setInputFiles(path.join(dir, "huge.txt"));
    await ada.getByText("the most we accept is 1 MB").waitFor();
    // A kind we do not accept: the server refuses it next to the field; the title and details are kept.
    await ada.getByLabel("Attach a file (optional)").setInputFiles(path.join(dir, "drawing.svg"));
    await ada.getByRole("button", { name: "Post question" }).click();
    await ada.getByText("This kind of file is not accepted").waitFor();
    expect(await ada.getByLabel("Your question in one line").inputValue()).toBe(title);
    expect(await ada.getByLabel("Details").inputValue()).toBe("The letter is attached; we changed the fee clause.");
    expect(server.db.select().from(schema.questionAttachments).all()).toEqual([]);

    // The right file. A similar question is shown first; the file is kept through that step.
    await ada.getByLabel("Attach a file (optional)").setInputFiles(path.join(dir, "letter.pdf"));
    await ada.getByRole("button", { name: "Post question" }).click();
    const anyway = ada.getByRole("button", { name: "Post my question anyway" });
    await anyway.waitFor();
    await ada.getByText("Attached: letter.pdf").waitFor();
    await anyway.click();
    await ada.waitForURL(/\/questions\/\d+$/);
    const questionUrl = new URL(ada.url()).pathname;
    const link = ada.getByRole("link", { name: "letter.pdf" });
    await link.waitFor();
    const href = (await link.getAttribute("href"))!;
    expect(href).toMatch(new RegExp(`^${questionUrl}/attachments/\\d+$`));

    // A classmate sees the question on the seminar home and downloads the file.
    const dan = await as("dan", "/s/files-sem");
    await dan.getByRole("region", { name: "Questions" }).getByRole("link", { name: title }).click();
    await dan.waitForURL((u) => u.pathname === questionUrl);
    const [download] = await Promise.all([dan.waitForEvent("download"), dan.getByRole("link", { name: "letter.pdf" }).click()]);
    expect(download.suggestedFilename()).toBe("letter.pdf");
    expect(fs.readFileSync((await download.path())!).equals(PDF)).toBe(true);

    // A member of another seminar: 404 for the question and for its file.
    const olga = await as("olga", "/questions");
    expect((await olga.request.get(`${server.url}${href}`)).status()).toBe(404);
    expect((await olga.goto(`${server.url}${questionUrl}`))!.status()).toBe(404);

    // The asker removes the file; it is gone for everyone.
    await ada.getByRole("button", { name: "Remove letter.pdf" }).click();
    await ada.getByText("letter.pdf was removed.").waitFor();
    expect((await dan.request.get(`${server.url}${href}`)).status()).toBe(404);
  });
});
