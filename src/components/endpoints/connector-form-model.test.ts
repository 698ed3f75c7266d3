import { describe, expect, it } from "vitest";
import { buildConnectorForm, configToSend, fieldId } from "@/components/endpoints/connector-form-model";

const spec = {
  type: "object",
  title: "PostgreSQL",
  required: ["host", "password"],
  properties: {
    host: { type: "string" },
    password: { type: "string", secret: true },
    auth: { type: "object", required: ["token"], properties: { token: { type: "string", secret: true }, user: { type: "string" } } },
  },
};

describe("buildConnectorForm", () => {
  it("gives secrets the secret widget and drops the spec title", () => {
    const form = buildConnectorForm(spec);
    expect(form.schema.title).toBeUndefined();
    expect(form.uiSchema.password).toEqual({ "ui:widget": "SecretWidget" });
    expect(form.uiSchema.auth.token["ui:widget"]).toBe("SecretWidget");
    expect(form.schema.required).toEqual(["host", "password"]);
    expect(form.savedSecrets).toEqual([]);
  });

  it("shows a secret the spec marks multiline as a text area", () => {
    const form = buildConnectorForm({ type: "object", properties: { privateKey: { type: "string", secret: true, multiline: true } } });
    expect(form.uiSchema.privateKey).toEqual({ "ui:widget": "SecretWidget", "ui:options": { multiline: true } });
  });

  it("empties saved secrets, marks them set and no longer required", () => {
    const form = buildConnectorForm(spec, { host: "db", password: { $secretSet: true }, auth: { token: { $secretSet: true }, user: "u" } });
    expect(form.formData).toEqual({ host: "db", auth: { user: "u" } });
    expect(form.schema.required).toEqual(["host"]);
    expect((form.schema.properties!.auth as { required: string[] }).required).toEqual([]);
    expect(form.savedSecrets).toEqual([["password"], ["auth", "token"]]);
  });
});

describe("secrets in array items", () => {
  const arraySpec = {
    type: "object",
    properties: {
      tags: { type: "array", items: { type: "string" } },
      streams: {
        type: "array",
        items: { type: "object", required: ["name", "token"], properties: { name: { type: "string" }, token: { type: "string", secret: true } } },
      },
    },
  };

  it("finds them by index, relaxes the item's required and sends them back", () => {
    const form = buildConnectorForm(arraySpec, { tags: ["a"], streams: [{ name: "a", token: { $secretSet: true } }] });
    expect(form.savedSecrets).toEqual([["streams", "0", "token"]]);
    expect(form.formData).toEqual({ tags: ["a"], streams: [{ name: "a" }] });
    expect((form.schema.properties!.streams as { items: { required: string[] } }).items.required).toEqual(["name"]);
    expect(form.uiSchema.streams.items.token["ui:widget"]).toBe("SecretWidget");
    expect(form.uiSchema.tags.items["ui:options"]).toEqual({ label: false }); // no "Tags-1" above each value
    expect(fieldId(["streams", "0", "token"])).toBe("root_streams_0_token");
    expect(configToSend(form.formData, form.savedSecrets)).toEqual({ tags: ["a"], streams: [{ name: "a", token: { $secretSet: true } }] });
  });

  it("leaves out a saved secret whose item was removed", () => {
    expect(configToSend({ streams: [] }, [["streams", "0", "token"]])).toEqual({ streams: [] });
  });
});

describe("configToSend", () => {
  it("sends untouched saved secrets as $secretSet and typed ones as typed", () => {
    const sent = configToSend({ host: "db", password: "new", auth: { user: "u" } }, [["password"], ["auth", "token"]]);
    expect(sent).toEqual({ host: "db", password: "new", auth: { user: "u", token: { $secretSet: true } } });
  });
});
