/**
 * The configuration of each alert channel kind, as JSON Schema with secret
 * fields marked, exactly like connector specs: the same form renders them,
 * the same validation, sealing (AES-256-GCM) and masking apply
 * (src/connectors/spec.ts). A webhook URL is a secret: Slack's and most
 * others carry their token in it.
 */
import type { TConnectorSpec } from "@/connectors/types";

export const CHANNEL_KINDS = ["webhook", "slack", "email"] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

export const CHANNEL_SPECS: Record<TChannelKind, TConnectorSpec> = {
  webhook: {
    type: "object",
    title: "Webhook (JSON)",
    required: ["url"],
    additionalProperties: false,
    properties: {
      url: { type: "string", title: "URL", format: "uri", secret: true, description: "Weir POSTs each alert as JSON (see docs/operations.md)." },
      authorization: { type: "string", title: "Authorization header", secret: true, description: 'Sent as Authorization, e.g. "Bearer …"; optional.' },
    },
  },
  slack: {
    type: "object",
    title: "Slack-compatible webhook",
    required: ["url"],
    additionalProperties: false,
    properties: {
      url: {
        type: "string",
        title: "Incoming webhook URL",
        format: "uri",
        secret: true,
        description: "Slack, Mattermost, Rocket.Chat…: a message with text and blocks.",
      },
    },
  },
  email: {
    type: "object",
    title: "E-mail (SMTP)",
    required: ["to"],
    additionalProperties: false,
    properties: {
      to: { type: "array", title: "Recipients", minItems: 1, maxItems: 50, items: { type: "string", format: "email" } },
      subjectPrefix: { type: "string", title: "Subject prefix", default: "[Weir]", maxLength: 50 },
    },
  },
};

export const CHANNEL_TITLES: Record<TChannelKind, string> = { webhook: "Webhook (JSON)", slack: "Slack-compatible webhook", email: "E-mail (SMTP)" };
