/**
 * The desk's mails as text and HTML: one event, or a person's daily digest. They carry
 * what the in-app notification says and links into the app; no secret (no token, no
 * review of another's blind review, no address of anyone).
 */

export interface MailMessage {
  subject: string;
  text: string;
  html: string;
}

export interface DigestSection {
  title: string;
  items: Array<{ text: string; url: string }>;
  /** Items beyond those listed. */
  more: number;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

const FOOTER = "You get this mail because of your notification settings in ClaimDesk";

function page(body: string, settingsUrl: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5">${body}<p style="color:#555;font-size:13px">${FOOTER}: <a href="${escapeHtml(settingsUrl)}">change them</a>.</p></body></html>`;
}

/** One event: its sentence as the subject (shortened) and the body, with a link to open. */
export function eventMail(text: string, link: string, settingsUrl: string): MailMessage {
  const subject = text.length > 110 ? `${text.slice(0, 109)}…` : text;
  return {
    subject: `ClaimDesk: ${subject}`,
    text: `${text}\n\nOpen: ${link}\n\n${FOOTER}: ${settingsUrl}\n`,
    html: page(
      `<p>${escapeHtml(text)}</p><p><a href="${escapeHtml(link)}">Open in ClaimDesk</a></p>`,
      settingsUrl,
    ),
  };
}

/** A day's digest, or null when no section has anything to say. */
export function digestMail(
  name: string,
  sections: DigestSection[],
  settingsUrl: string,
): MailMessage | null {
  const told = sections.filter((s) => s.items.length > 0);
  if (told.length === 0) return null;
  const count = told.reduce((n, s) => n + s.items.length + s.more, 0);
  const more = (s: DigestSection) => (s.more > 0 ? `and ${s.more} more` : "");
  const text = told
    .map((s) =>
      [`${s.title}:`, ...s.items.map((i) => `- ${i.text}\n  ${i.url}`), more(s)]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n\n");
  const html = told
    .map(
      (s) =>
        `<h2 style="font-size:16px">${escapeHtml(s.title)}</h2><ul>${s.items
          .map((i) => `<li><a href="${escapeHtml(i.url)}">${escapeHtml(i.text)}</a></li>`)
          .join("")}</ul>${s.more > 0 ? `<p>${more(s)}</p>` : ""}`,
    )
    .join("");
  return {
    subject: `ClaimDesk digest: ${count} ${count === 1 ? "claim needs" : "claims need"} you`,
    text: `Good morning, ${name}.\n\n${text}\n\n${FOOTER}: ${settingsUrl}\n`,
    html: page(`<p>Good morning, ${escapeHtml(name)}.</p>${html}`, settingsUrl),
  };
}
