import { describe, expect, it } from "vitest";
import { parseCsv } from "~/services/bulk-invite.server";
import { headerSafe, renderEmail, retryDelayMs } from "~/services/mail.server";

describe("CSV for bulk invitations", () => {
  it("handles quotes, doubled quotes, commas in fields, CRLF and a BOM", () => {
    expect(parseCsv('\uFEFFemail,name,role\r\n"a@x.example","Lee, ""Jr.""",attendee\r\nb@x.example,B,\n')).toEqual([
      ["email", "name", "role"],
      ["a@x.example", 'Lee, "Jr."', "attendee"],
      ["b@x.example", "B", ""],
    ]);
    expect(parseCsv("c@x.example")).toEqual([["c@x.example"]]);
  });

  it("keeps a stray quote as text, line breaks inside quotes, ragged rows and lone CR line ends", () => {
    expect(parseCsv('a@x.example,O"Brien\r\nb@x.example,"B\nC",instructor,extra\rc@x.example')).toEqual([
      ["a@x.example", 'O"Brien'],
      ["b@x.example", "B\nC", "instructor", "extra"],
      ["c@x.example"],
    ]);
  });

  it("refuses a quote that is never closed, naming the problem", () => {
    expect(() => parseCsv('a@x.example,"Never closed\nb@x.example,B')).toThrow(/quote/i);
  });
});

describe("mail", () => {
  it("backs off 30 s, 1 min, 2 min … up to an hour", () => {
    expect([1, 2, 3, 4, 10, 20].map(retryDelayMs)).toEqual([30_000, 60_000, 120_000, 240_000, 3600_000, 3600_000]);
  });

  it("headers never carry line breaks", () => {
    expect(headerSafe("Hi\r\nBcc: x@y.example\u2028more")).toBe("Hi Bcc: x@y.example more");
  });

  it("templates escape values in HTML and keep them plain in text", () => {
    const m = renderEmail("invitation", {
      name: "",
      inviter: "Eve <script>",
      target: "“A & B” on Colloquy",
      seminar: "A & B",
      seminarDates: "",
      message: "line one\n<b>line two</b>",
      link: "http://localhost/invite/abc",
      email: "x@y.example",
      expires: "January 1, 2027",
    });
    expect(m.subject).toBe("Eve <script> invited you to “A & B” on Colloquy");
    expect(m.html).toContain("Eve &lt;script&gt;");
    expect(m.html).toContain("line one<br>\n&lt;b&gt;line two&lt;/b&gt;");
    expect(m.html).not.toContain("<script>");
    expect(m.text).toContain("<b>line two</b>");
    expect(m.text).not.toContain("Seminar:");
    expect(m.text).toContain("Message from Eve <script>:");
  });
});
