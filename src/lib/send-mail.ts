/**
 * Weir's one SMTP mailer, for alert e-mails and account links alike: the
 * server is WEIR_SMTP_URL, the sender WEIR_SMTP_FROM, every stage limited to
 * 10 s. Answers the outcome instead of throwing; an error never holds the
 * SMTP URL (it may carry a password).
 */
import nodemailer from "nodemailer";

import { scrubSecrets } from "@/lib/secret-scrub";
import { setting } from "@/lib/env";

export const MAIL_TIMEOUT_MS = 10_000;

export type TMail = { to: string | string[]; subject: string; text: string };
export type TMailResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

/** Whether WEIR_SMTP_URL is set in this process. */
export function mailConfigured(): boolean {
  return !!setting("WEIR_SMTP_URL");
}

export async function sendMail(message: TMail): Promise<TMailResult> {
  const smtp = setting("WEIR_SMTP_URL");
  if (!smtp) return { ok: false, error: "e-mail is not configured: set WEIR_SMTP_URL (e.g. smtp://user:password@mail.example.com:587)" };
  const transport = nodemailer.createTransport(smtp, { connectionTimeout: MAIL_TIMEOUT_MS, greetingTimeout: MAIL_TIMEOUT_MS, socketTimeout: MAIL_TIMEOUT_MS });
  try {
    const info = await transport.sendMail({
      from: setting("WEIR_SMTP_FROM"),
      to: Array.isArray(message.to) ? message.to.join(", ") : message.to,
      subject: message.subject,
      text: message.text,
    });
    return { ok: true, status: Number(/^(\d{3})/.exec(String(info.response))?.[1] ?? 250) };
  } catch (e) {
    const code = (e as { responseCode?: number }).responseCode;
    // A server may echo what it was sent (the user, the password): the one scrubber knows the URL's parts.
    const said = scrubSecrets(e instanceof Error ? e.message : String(e), [smtp]);
    return { ok: false, status: code, error: `the SMTP server refused the message: ${said}` };
  } finally {
    transport.close();
  }
}
