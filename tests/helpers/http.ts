// A tiny cookie-keeping HTTP client for HTTP-level tests against a TestServer.
export class Client {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async fetch(path: string, init: RequestInit & { form?: Record<string, string | string[]> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("Cookie", this.cookieHeader());
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const x of [v].flat()) params.append(k, x);
      body = params;
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    // Like a browser: every state-changing request says where it came from (the server refuses one that doesn't).
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "HEAD" && !headers.has("Origin") && !headers.has("Sec-Fetch-Site")) {
      headers.set("Origin", new URL(this.base).origin);
    }
    const res = await fetch(new URL(path, this.base), { redirect: "manual", ...init, body, headers });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair!.indexOf("=");
      const name = pair!.slice(0, i);
      const value = pair!.slice(i + 1);
      if (!value || /max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  get(path: string, init: RequestInit = {}) {
    return this.fetch(path, init);
  }

  post(path: string, form: Record<string, string | string[]>, init: RequestInit = {}) {
    return this.fetch(path, { ...init, method: "POST", form });
  }

  async signIn(email: string, password: string) {
    const res = await this.post("/login", { email, password, redirectTo: "/" });
    if (res.status !== 302 && res.status !== 204) throw new Error(`sign-in failed with ${res.status}`);
    return res;
  }
}
