/**
 * Sends one alert message to one channel: webhooks (generic JSON or
 * Slack-compatible) with a 10 s limit, e-mail through Weir's mailer
 * (src/lib/send-mail.ts: the SMTP server named by WEIR_SMTP_URL). Answers the
 * outcome instead of throwing; an error never holds the channel's secrets
 * (the URL, the authorization header).
 */
import { type TAlertMessageInput, alertHeadline, alertText, slackBody, webhookBody } from "@/engine/alerts/channels/alert-message";
import type { TChannelKind } from "@/engine/alerts/channels/channel-specs";
import { mailConfigured, sendMail } from "@/lib/send-mail";

export const SEND_TIMEOUT_MS = 10_000;

export type TSendResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

type TChannel = { kind: TChannelKind; config: Record<string, unknown> };

function networkError(e: unknown): string {
  const { code, message } = (e as { cause?: { code?: string; message?: string } }).cause ?? {};
  const cause = code ?? message;
  if (e instanceof Error && e.name === "TimeoutError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  return cause ? `could not connect (${cause})` : e instanceof Error ? e.message : String(e);
}

async function post(url: string, body: unknown, authorization?: string): Promise<TSendResult> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Weir alerts", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: "error",
    });
    const said = (await response.text().catch(() => "")).slice(0, 200).replace(/\s+/g, " ").trim();
    if (response.ok) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `the receiver answered HTTP ${response.status}${said ? `: ${said}` : ""}` };
  } catch (e) {
    return { ok: false, error: networkError(e) };
  }
}

async function mail(config: Record<string, unknown>, input: TAlertMessageInput): Promise<TSendResult> {
  if (!mailConfigured()) return { ok: false, error: "e-mail is not configured: set WEIR_SMTP_URL (e.g. smtp://user:password@mail.example.com:587) on the workers" };
  const prefix = typeof config.subjectPrefix === "string" ? config.subjectPrefix : "[Weir]";
  return sendMail({ to: config.to as string[], subject: `${prefix} ${alertHeadline(input)}`.trim(), text: alertText(input) });
}

export function sendToChannel(channel: TChannel, input: TAlertMessageInput): Promise<TSendResult> {
  switch (channel.kind) {
    case "webhook":
      return post(String(channel.config.url), webhookBody(input), channel.config.authorization as string | undefined);
    case "slack":
      return post(String(channel.config.url), slackBody(input));
    case "email":
      return mail(channel.config, input);
  }
}
