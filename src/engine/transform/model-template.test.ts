import { describe, expect, it } from "vitest";

import { ModelTemplateError, type TRenderContext, readModelTemplate, renderModelTemplate } from "@/engine/transform/model-template";

const ctx = (isIncremental = false): TRenderContext => ({
  ref: (name) => `"silver"."${name}"`,
  source: (connection, stream) => `"bronze"."${connection}_${stream.replace(".", "_")}"`,
  self: `"gold"."daily_revenue"`,
  isIncremental,
});

/** dbt SQL as a dbt project holds it. */
const INCREMENTAL = `{{ config(materialized='incremental', unique_key='order_id') }}
-- daily revenue from cleaned orders
select o.order_id, o.amount, c.country
from {{ ref('orders_clean') }} o
join {{ ref("customers_clean") }} c using (customer_id)
{% if is_incremental() %}
where o.updated_at > (select max(updated_at) from {{ this }})
{% endif %}`;

describe("readModelTemplate", () => {
  it("reads refs, sources and config() without rendering", () => {
    expect(readModelTemplate("m", INCREMENTAL)).toEqual({
      refs: ["orders_clean", "customers_clean"],
      sources: [],
      config: { materialized: "incremental", unique_key: "order_id" },
    });
    expect(
      readModelTemplate(
        "m",
        "select * from {{ source('shop', 'public.orders') }} union all select * from {{ source('shop', 'public.orders') }} {# twice, listed once #}",
      ),
    ).toEqual({
      refs: [],
      sources: [{ connection: "shop", stream: "public.orders" }],
      config: {},
    });
  });

  it("refuses what is not dbt's model subset, naming the line and column", () => {
    const refused = (sql: string) => {
      try {
        readModelTemplate("bad_model", sql);
      } catch (e) {
        expect(e).toBeInstanceOf(ModelTemplateError);
        expect((e as ModelTemplateError).code).toBe("BAD_INPUT");
        return (e as Error).message;
      }
      throw new Error(`accepted: ${sql}`);
    };
    // The classic escape from nunjucks into JavaScript goes through attribute lookups.
    expect(refused("select {{ this.constructor.constructor('return process')() }}")).toMatch(
      /^Model "bad_model", line 1, column \d+: .*(lookup|can be called)/,
    );
    expect(refused("select 1\nfrom {{ range(3) }}")).toMatch(
      /line 2, column \d+: only ref\(\), source\(\), config\(\) and is_incremental\(\) can be called in a model, not range\(\)/,
    );
    expect(refused("select {{ secret }}")).toMatch(/unknown name "secret"/);
    expect(refused("select {{ 'x' | upper }}")).toMatch(/a filter is not supported/);
    expect(refused("{% for x in [1] %}select 1{% endfor %}")).toMatch(/a for loop is not supported/);
    expect(refused("{% include 'x.sql' %}")).toMatch(/include %\} is not supported/);
    expect(refused("select * from {{ ref(model_name) }}")).toMatch(/ref\(\) takes quoted names/);
    expect(refused("select * from {{ ref('pkg', 'model') }}")).toMatch(/ref\(\) takes one model name, not 2/);
    expect(refused("select * from {{ source('shop') }}")).toMatch(/source\(\) takes a connection and a stream, not 1/);
    expect(refused("{{ config(materialized=kind) }}")).toMatch(/config\(\) takes name=value pairs/);
    expect(refused("select 1\n\nfrom {{ ref('a' }}")).toMatch(/line 3, column \d+: the template does not parse: .*expected comma/);
    expect(refused("{% if is_incremental() %}select 1")).toMatch(/does not parse/);
  });
});

describe("renderModelTemplate", () => {
  it("resolves ref, source and this, and renders the incremental filter only for an incremental build", () => {
    const full = renderModelTemplate("daily_revenue", INCREMENTAL, ctx(false));
    expect(full).toContain(`from "silver"."orders_clean" o`);
    expect(full).toContain(`join "silver"."customers_clean" c using (customer_id)`);
    expect(full).not.toContain("where o.updated_at");
    expect(full).not.toContain("{{");
    const incremental = renderModelTemplate("daily_revenue", INCREMENTAL, ctx(true));
    expect(incremental).toContain(`where o.updated_at > (select max(updated_at) from "gold"."daily_revenue")`);
    expect(renderModelTemplate("m", "select * from {{ source('shop', 'public.orders') }}", ctx())).toBe(`select * from "bronze"."shop_public_orders"`);
  });

  it("leaves SQL as it is: no HTML escaping, quotes and operators intact", () => {
    expect(renderModelTemplate("m", `select '<a & "b">' as x from {{ ref('t') }} where a <> b`, ctx())).toBe(
      `select '<a & "b">' as x from "silver"."t" where a <> b`,
    );
  });

  it("reports a resolver's error (an unknown ref) as the model's error", () => {
    const failing: TRenderContext = {
      ...ctx(),
      ref: (name) => {
        throw new Error(`unknown model "${name}"`);
      },
    };
    expect(() => renderModelTemplate("m", "select 1\nfrom {{ ref('nope') }}", failing)).toThrow(/^Model "m", line 2, column \d+: .*unknown model "nope"/);
  });
});
