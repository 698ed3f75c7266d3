/**
 * E-mails a newly issued invitation or reset link when Weir has an SMTP
 * server (WEIR_SMTP_URL, the alert mailer's) and knows its own address
 * (NEXTAUTH_URL). The admin always sees the link once as well, so a mail that
 * cannot be sent is reported, never an error: the link still works.
 */
import { mailConfigured, sendMail } from "@/lib/send-mail";
import type { TIssuedLink } from "@/server/users/password-links";
import { setting } from "@/lib/env";

export type TLinkMailOutcome = { sent: true; to: string } | { sent: false; reason: string } | null;

function when(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function mailText(link: TIssuedLink, url: string, invitedBy: string): { subject: string; text: string } {
  if (link.purpose === "invite") {
    return {
      subject: "You are invited to Weir",
      text: [
        `${invitedBy} invited you to Weir.`,
        "",
        "Open this link to choose your password; it works once, until " + when(link.expiresAt) + ":",
        url,
        "",
        "If you did not expect this, ignore this e-mail.",
      ].join("\n"),
    };
  }
  return {
    subject: "Reset your Weir password",
    text: [
      `${invitedBy} started a password reset for your Weir account.`,
      "",
      "Open this link to choose a new password; it works once, until " + when(link.expiresAt) + ":",
      url,
      "",
      "Setting a new password signs you out everywhere. Until you do, your current password keeps working.",
    ].join("\n"),
  };
}

/** Sends the link to `email`; null when e-mail is not configured (the admin passes the link on). */
export async function mailPasswordLink(email: string, link: TIssuedLink, invitedBy: string): Promise<TLinkMailOutcome> {
  if (!mailConfigured()) return null;
  const base = setting("NEXTAUTH_URL")?.replace(/\/+$/, "");
  if (!base)
    return { sent: false, reason: "NEXTAUTH_URL is not set on the web server, so the e-mail would have no address to link to. Pass the link on yourself." };
  const result = await sendMail({ to: email, ...mailText(link, `${base}${link.path}`, invitedBy) });
  return result.ok ? { sent: true, to: email } : { sent: false, reason: `${result.error}. Pass the link on yourself.` };
}
