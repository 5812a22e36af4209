import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  data,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { LiveNotifications } from "~/components/live-notifications";
import { SiteHeader } from "~/components/site-header";
import { FlashMessage } from "~/components/flash-message";
import { getOptionalUser } from "~/auth/guards.server";
import { unreadNotificationCount } from "~/models/notifications.server";
import { readFlash } from "~/utils/flash.server";
import { unreadConversationCount } from "~/models/messages.server";
import { useNonce } from "~/utils/nonce";
import stylesHref from "~/styles/app.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [
  { title: "Colloquy" },
  { name: "description", content: "The members-only portal of the institute's continuing legal education seminars." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request);
  const { flash, setCookie } = await readFlash(request);
  return data(
    {
      user: user
        ? { id: user.id, name: user.name, role: user.role, unread: unreadNotificationCount({ viewer: user }), unreadMessages: unreadConversationCount({ userId: user.id }) }
        : null,
      flash,
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader user={rootData?.user ?? null} />
        <main id="main" tabIndex={-1}>
          {rootData?.flash ? <FlashMessage flash={rootData.flash} /> : null}
          {children}
        </main>
        <footer className="site-footer">
          <p>Colloquy · the institute's members-only learning community · confidential professional information</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const rootData = useRouteLoaderData<typeof loader>("root");
  return (
    <>
      {rootData?.user ? <LiveNotifications /> : null}
      <Outlet />
    </>
  );
}

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be understood", body: "Please go back and check what you entered." },
  403: { title: "You don't have access to this", body: "Your account is not allowed to do that." },
  404: {
    title: "Page not found",
    body: "There is nothing here, or you don't have access to it. Check the address, or go back to your seminars.",
  },
  405: { title: "Not allowed", body: "That kind of request is not accepted here." },
  413: { title: "That was too large", body: "The upload or form was larger than we accept." },
  415: { title: "That form could not be read", body: "Please go back and send the form from the page again." },
  429: { title: "Too many attempts", body: "Please wait a little and try again." },
};

/** A refusal that bubbles to this boundary keeps its Retry-After (429 needs it, RFC 6585 §4; issue #21). */
export const headers: HeadersFunction = ({ errorHeaders }) => {
  const h = new Headers();
  const retryAfter = errorHeaders?.get("Retry-After");
  if (retryAfter) h.set("Retry-After", retryAfter);
  return h;
};

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const known = MESSAGES[status];
  const detail =
    isRouteErrorResponse(error) && status === 403 && error.statusText && error.statusText !== "Forbidden"
      ? error.statusText
      : null;
  return (
    <section className="error-page card" aria-labelledby="error-title">
      <p className="error-code">Error {status}</p>
      <h1 id="error-title">{known?.title ?? "Something went wrong on our side"}</h1>
      <p>{detail ?? known?.body ?? "The problem has been logged. Please try again in a moment."}</p>
      <p>
        <a className="button" href="/">
          Go to your seminars
        </a>
      </p>
    </section>
  );
}
