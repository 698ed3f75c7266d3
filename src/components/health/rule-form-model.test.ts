import { describe, expect, it } from "vitest";

import { ZRuleDefinition } from "@/lib/alert-rule-definition";
import { blankRule, ruleInputOf, toggle } from "@/components/health/rule-form-model";

const channel = "6f1c2a0e-5f43-4c1b-9d0a-1b2c3d4e5f60";

describe("rule form model", () => {
  it("sends the kind's own parameters, scope lists and reminders, as the server's contract reads them", () => {
    const input = ruleInputOf({
      ...blankRule(),
      name: " lag ",
      kind: "stream_lag",
      messages: "500",
      minutes: "2.5",
      tags: "pii, gold ,",
      channelIds: [channel],
      repeatSeconds: "600",
    });
    expect(input).toEqual({
      name: "lag",
      params: { kind: "stream_lag", messages: 500, minutes: 2.5 },
      scope: { connectionIds: [], datasetIds: [], tags: ["pii", "gold"] },
      channelIds: [channel],
      repeatSeconds: 600,
    });
    expect(ZRuleDefinition.parse(input)).toMatchObject({ params: { kind: "stream_lag", messages: 500 }, repeatSeconds: 600, enabled: true });
  });

  it("an empty number is refused by the contract with the field named", () => {
    const result = ZRuleDefinition.safeParse(ruleInputOf({ ...blankRule(), name: "n", kind: "consecutive_failures", count: "", channelIds: [channel] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["params", "count"]);
  });

  it("toggles ids in and out of a list", () => {
    expect(toggle(["a"], "b")).toEqual(["a", "b"]);
    expect(toggle(["a", "b"], "a")).toEqual(["b"]);
  });
});
