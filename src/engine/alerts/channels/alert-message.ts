/**
 * What an alert says, per channel kind. Pure.
 *
 * Generic webhook body (JSON):
 *   { "source": "weir", "event": "fired" | "reminder" | "resolved", "alert": { id, status, message, firedAt,
 *     resolvedAt, url }, "rule": { id, name, kind }, "target": { key, label }, "text": "…" }
 * Slack-compatible body: { text, blocks: [section] } with the same words.
 */
export type TAlertEvent = "fired" | "reminder" | "resolved";

export type TAlertMessageInput = {
  event: TAlertEvent;
  alert: { id: string; status: string; message: string; targetKey: string; targetLabel: string; href: string | null; firedAt: Date; resolvedAt: Date | null };
  rule: { id: string; name: string; kind: string };
  /** Where Weir is reached, for links; none: links are left out. */
  baseUrl?: string;
};

const MARK: Record<TAlertEvent, string> = { fired: "🔴 Firing", reminder: "🔁 Still firing", resolved: "✅ Resolved" };

function link(input: TAlertMessageInput): string | null {
  if (!input.baseUrl || !input.alert.href) return null;
  return new URL(input.alert.href, input.baseUrl).toString();
}

/** One line for chat and e-mail subjects. */
export function alertHeadline(input: TAlertMessageInput): string {
  return `${MARK[input.event]}: ${input.rule.name} — ${input.alert.targetLabel}`;
}

export function alertText(input: TAlertMessageInput): string {
  const url = link(input);
  const since =
    input.event === "resolved" && input.alert.resolvedAt
      ? ` Resolved at ${input.alert.resolvedAt.toISOString()}, firing since ${input.alert.firedAt.toISOString()}.`
      : ` Firing since ${input.alert.firedAt.toISOString()}.`;
  const message = /[.!?]$/.test(input.alert.message.trim()) ? input.alert.message.trim() : `${input.alert.message.trim()}.`;
  return `${alertHeadline(input)}\n${message}${since}${url ? `\n${url}` : ""}`;
}

export function webhookBody(input: TAlertMessageInput): Record<string, unknown> {
  const { alert, rule } = input;
  return {
    source: "weir",
    event: input.event,
    alert: {
      id: alert.id,
      status: alert.status,
      message: alert.message,
      firedAt: alert.firedAt.toISOString(),
      resolvedAt: alert.resolvedAt?.toISOString() ?? null,
      url: link(input),
    },
    rule,
    target: { key: alert.targetKey, label: alert.targetLabel },
    text: alertText(input),
  };
}

export function slackBody(input: TAlertMessageInput): Record<string, unknown> {
  const url = link(input);
  const text = alertText(input);
  return {
    text,
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: `*${alertHeadline(input)}*\n${input.alert.message}` } },
      ...(url ? [{ type: "context", elements: [{ type: "mrkdwn", text: `<${url}|Open in Weir>` }] }] : []),
    ],
  };
}
