/**
 * Sends one alert message to one channel: webhooks (generic JSON or
 * Slack-compatible) with a 10 s limit, e-mail through Weir's mailer
 * (src/lib/send-mail.ts: the SMTP server named by WEIR_SMTP_URL). Answers the
 * outcome instead of throwing. Every error passes through the one scrubber
 * with the channel's secrets (its URL in every part, the authorization
 * header) and the SMTP URL, so what the receiver echoed back never reaches a
 * delivery record, a log or a browser.
 */
import { secretValues } from "@/connectors/spec";
import { type TAlertMessageInput, alertHeadline, alertText, slackBody, webhookBody } from "@/engine/alerts/channels/alert-message";
import { CHANNEL_SPECS, type TChannelKind } from "@/engine/alerts/channels/channel-specs";
import { mailConfigured, sendMail } from "@/lib/send-mail";
import { scrubSecrets } from "@/lib/secret-scrub";
import { setting } from "@/lib/env";

export const SEND_TIMEOUT_MS = 10_000;

export type TSendResult = { ok: true; status: number } | { ok: false; status?: number; error: string };

type TChannel = { kind: TChannelKind; config: Record<string, unknown> };

function networkError(e: unknown): string {
  const { code, message } = (e as { cause?: { code?: string; message?: string } }).cause ?? {};
  const cause = code ?? message;
  if (e instanceof Error && e.name === "TimeoutError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  return cause ? `could not connect (${cause})` : e instanceof Error ? e.message : String(e);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A URL's userinfo (`https://user:pass@host/…`) becomes Basic authentication: fetch refuses URLs with credentials. */
function splitCredentials(raw: string, authorization?: string): { url: string; authorization?: string } {
  if (!URL.canParse(raw)) return { url: raw, authorization };
  const url = new URL(raw);
  if (!url.username && !url.password) return { url: raw, authorization };
  const basic = `Basic ${Buffer.from(`${safeDecode(url.username)}:${safeDecode(url.password)}`).toString("base64")}`;
  url.username = "";
  url.password = "";
  return { url: url.toString(), authorization: authorization ?? basic };
}

/** Scrubs a receiver's answer before it is cut to length, so no cut can leave part of a secret. */
type TClean = (text: string) => string;

async function post(clean: TClean, target: string, body: unknown, configured?: string): Promise<TSendResult> {
  const { url, authorization } = splitCredentials(target, configured);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "Weir alerts", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: "error",
    });
    const said = clean(await response.text().catch(() => ""))
      .slice(0, 200)
      .replace(/\s+/g, " ")
      .trim();
    if (response.ok) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `the receiver answered HTTP ${response.status}${said ? `: ${said}` : ""}` };
  } catch (e) {
    return { ok: false, error: clean(networkError(e)) };
  }
}

async function mail(clean: TClean, config: Record<string, unknown>, input: TAlertMessageInput): Promise<TSendResult> {
  if (!mailConfigured())
    return { ok: false, error: "e-mail is not configured: set WEIR_SMTP_URL (e.g. smtp://user:password@mail.example.com:587) on the workers" };
  const prefix = typeof config.subjectPrefix === "string" ? config.subjectPrefix : "[Weir]";
  const sent = await sendMail({ to: config.to as string[], subject: `${prefix} ${alertHeadline(input)}`.trim(), text: alertText(input) });
  return sent.ok ? sent : { ...sent, error: clean(sent.error) };
}

/** Sends; a failure's error is scrubbed of the channel's secrets and the SMTP URL. */
export async function sendToChannel(channel: TChannel, input: TAlertMessageInput): Promise<TSendResult> {
  const secrets = [...secretValues(CHANNEL_SPECS[channel.kind], channel.config), ...[setting("WEIR_SMTP_URL")].filter((v): v is string => !!v)];
  const clean: TClean = (text) => scrubSecrets(text, secrets);
  switch (channel.kind) {
    case "webhook":
      return post(clean, String(channel.config.url), webhookBody(input), channel.config.authorization as string | undefined);
    case "slack":
      return post(clean, String(channel.config.url), slackBody(input));
    case "email":
      return mail(clean, channel.config, input);
  }
}
