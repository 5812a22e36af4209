// The "Messages" section of the settings page (issue #15): its own form, saved by /messages/settings.
import { Form, Link } from "@remix-run/react";

export function MessagingSettings({
  whoMayMessage,
  unreadMailMinutes,
  blocked,
  who,
  delays,
}: {
  whoMayMessage: string;
  unreadMailMinutes: number;
  blocked: { id: number; name: string; href?: string }[];
  who: { value: string; label: string }[];
  delays: { value: number; label: string }[];
}) {
  return (
    <section className="card stack" aria-labelledby="messaging" id="messaging-section">
      <h2 id="messaging">Messages</h2>
      <Form method="post" action="/messages/settings" className="stack">
        <input type="hidden" name="intent" value="settings" />
        <fieldset>
          <legend>Who may message me</legend>
          <p className="field__hint">Conversations you are already in carry on; a member you block can never write to you.</p>
          {who.map((w) => (
            <label key={w.value} className="check-inline">
              <input type="radio" name="whoMayMessage" value={w.value} defaultChecked={whoMayMessage === w.value} /> {w.label}
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="f-unreadMailMinutes">Tell me about an unread message</label>
          <p className="field__hint" id="f-unreadMailMinutes-hint">
            In the notification centre, and by mail as your “Unread messages” choice above says. The mail never contains the message.
          </p>
          <select id="f-unreadMailMinutes" name="unreadMailMinutes" defaultValue={String(unreadMailMinutes)} aria-describedby="f-unreadMailMinutes-hint">
            {delays.map((d) => (
              <option key={d.value} value={d.value}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Save messaging settings</button>
        </div>
      </Form>
      <h3>Blocked members</h3>
      {blocked.length ? (
        <ul className="plain-list">
          {blocked.map((b) => (
            <li key={b.id}>
              <Form method="post" action="/messages/settings" className="inline-form">
                {b.href ? <Link to={b.href}>{b.name}</Link> : b.name}{" "}
                <input type="hidden" name="userId" value={b.id} />
                <button type="submit" name="intent" value="unblock" className="button--small button--secondary">
                  Unblock {b.name}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">You have blocked nobody. Block someone from their profile or from a conversation.</p>
      )}
    </section>
  );
}
