import { Form, Link, NavLink } from "@remix-run/react";
import { MessagesLink } from "./messages-badge";

export interface HeaderUser {
  id: number;
  name: string;
  role: "admin" | "member";
  /** Unread notifications (the bell). */
  unread?: number;
  /** Conversations with unread messages (issue #15). */
  unreadMessages?: number;
}

export function SiteHeader({ user }: { user: HeaderUser | null }) {
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand" aria-label="Colloquy home">
          <span className="brand__mark" aria-hidden="true">
            §
          </span>
          Colloquy
        </Link>
        {user ? (
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  My seminars
                </NavLink>
              </li>
              <li>
                <NavLink to="/catalogue">Catalogue</NavLink>
              </li>
              <li>
                <NavLink to="/people">Directory</NavLink>
              </li>
              <li>
                <NavLink to="/questions">Questions</NavLink>
              </li>
              <li>
                <NavLink to="/news">News</NavLink>
              </li>
              <li>
                <NavLink to="/jobs">Careers</NavLink>
              </li>
              <li>
                <NavLink to="/library">Library</NavLink>
              </li>
              <li>
                <NavLink to="/bookmarks">Bookmarks</NavLink>
              </li>
              <li>
                <NavLink to="/search">Search</NavLink>
              </li>
              <li>
                <MessagesLink unread={user.unreadMessages ?? 0} />
              </li>
              {user.role === "admin" ? (
                <>
                  <li>
                    <NavLink to="/admin">Administration</NavLink>
                  </li>
                  <li>
                    <NavLink to="/admin/invitations">Invitations</NavLink>
                  </li>
                </>
              ) : null}
            </ul>
            <Link to="/notifications" className="bell" aria-label={bellLabel(user.unread ?? 0)}>
              <span aria-hidden="true">🔔</span>
              {user.unread ? (
                <span className="bell__count" aria-hidden="true">
                  {user.unread > 99 ? "99+" : user.unread}
                </span>
              ) : null}
            </Link>
            <details className="user-menu">
              <summary>
                <span className="visually-hidden">Account menu for </span>
                {user.name}
              </summary>
              <ul>
                <li>
                  <Link to={`/people/${user.id}`}>My profile</Link>
                </li>
                <li>
                  <Link to="/credits">My CLE credits</Link>
                </li>
                <li>
                  <Link to="/profile/settings">Privacy and notifications</Link>
                </li>
                <li>
                  <Link to="/account">Account and password</Link>
                </li>
                <li>
                  <Link to="/account/data">Your data</Link>
                </li>
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      Sign out
                    </button>
                  </Form>
                </li>
              </ul>
            </details>
          </nav>
        ) : (
          <nav aria-label="Main" className="main-nav">
            <ul>
              <li>
                <NavLink to="/login">Sign in</NavLink>
              </li>
            </ul>
          </nav>
        )}
      </div>
    </header>
  );
}

function bellLabel(n: number): string {
  if (n === 0) return "Notifications, none unread";
  return `Notifications, ${n > 99 ? "more than 99" : n} unread`;
}
