import "server-only";
import nodemailer from "nodemailer";
import type { Transporter } from "nodemailer";
import { settings } from "@/lib/settings";
import type { MailMessage } from "@/lib/domain/mail";

/**
 * Mail through CLAIMDESK_SMTP_URL (nodemailer, one pooled transport per process); off
 * when it is unset. Sent only by workers' delivery lanes, never by the web server.
 */
let transport: { url: string; transporter: Transporter } | null = null;

export function mailEnabled(): boolean {
  return settings().CLAIMDESK_SMTP_URL !== undefined;
}

function transporter(url: string, timeoutMs: number): Transporter {
  if (transport?.url !== url) {
    transport?.transporter.close();
    transport = {
      url,
      // A few connections kept open and reused: a mail does not pay for a handshake.
      transporter: nodemailer.createTransport({
        url,
        pool: true,
        maxConnections: 4,
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      }),
    };
  }
  return transport.transporter;
}

/**
 * Sends one message; throws what the server or the network said. `headers` carry the
 * event's id, so that a mail sent again after a crash can be told for the same.
 */
export async function sendMail(
  to: string,
  message: MailMessage,
  headers: Record<string, string> = {},
): Promise<void> {
  const s = settings();
  if (!s.CLAIMDESK_SMTP_URL) throw new Error("mail is off (CLAIMDESK_SMTP_URL is not set)");
  await transporter(s.CLAIMDESK_SMTP_URL, s.CLAIMDESK_DELIVERY_TIMEOUT_SECONDS * 1000).sendMail({
    from: s.CLAIMDESK_MAIL_FROM,
    to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    headers,
  });
}

/** Closes the pooled connections (a worker stopping). */
export function closeMail(): void {
  transport?.transporter.close();
  transport = null;
}
