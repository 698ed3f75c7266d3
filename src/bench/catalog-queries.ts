/**
 * The 200 catalog searches of the benchmark, by kind, so results range from
 * none to tens of thousands of matches: common table words, two-word
 * phrases, one-letter typos, column names, tags, owners, prefixes as typed
 * so far, rare description words, words that match nothing, qualified
 * names, and facet filters with and without text.
 */
import type { TSearchInput } from "@/server/catalog/catalog-contracts";

export type TBenchQuery = { kind: string; input: TSearchInput };

const SINGLE = [
  "orders", "customers", "payments", "invoices", "refunds", "subscriptions", "accounts", "users", "sessions", "clicks",
  "impressions", "campaigns", "leads", "opportunities", "products", "shipments", "deliveries", "warehouses", "suppliers", "tickets",
  "employees", "payroll", "transactions", "devices", "notifications", "reviews", "returns", "carts", "coupons", "revenue",
  "events", "daily", "hourly", "snapshot", "history", "latest", "clean", "staging", "analytics", "raw",
];
const TWO_WORDS = [
  "customer orders", "daily revenue", "payment refunds", "order items", "page views", "exchange rates", "ledger entries", "customer events",
  "purchase orders", "product prices", "inventory levels", "fraud alerts", "app installs", "ticket comments", "sales orders", "marketing campaigns",
  "finance ledger", "mobile sessions", "web clicks", "support tickets",
];
const TYPOS = [
  "ordrs", "custmers", "paymnets", "invoces", "shipmnts", "subscriptons", "campains", "prodcts", "transactons", "employes",
  "refnds", "sesions", "warehuses", "delivries", "notifcations", "reveiws", "coupns", "ledgr", "acounts", "suplliers",
];
const COLUMN_NAMES = [
  "customer_id", "email", "amount_eur", "utm_campaign", "risk_score", "tracking_number", "national_id", "mrr", "ltv", "created_at",
  "ip_address", "cost_center", "fiscal_period", "coupon_code", "return_reason", "device_type", "_source_file", "exchange_rate", "ticket_priority", "postal_code",
];
const TAGS = ["pii", "finance", "certified", "deprecated", "gdpr", "sla-gold", "experimental", "core", "sales", "marketing", "fraud", "hr", "logistics", "ads", "risk"];
const OWNER_TEXT = [
  "alice.martin", "bruno.kowalski", "chen.nguyen", "dana.schmidt", "emma.garcia", "farid.okafor", "grace.dubois", "hugo.rossi", "ines.jansen", "jonas.silva",
  "martin", "kowalski", "nguyen", "okafor", "grace", "tara", "quinn silva", "maya", "sven.rossi", "pedro",
];
const PREFIXES = ["ord", "cust", "pay", "inv", "ship", "fin", "mark", "sub", "tra", "ref", "acc", "emp", "sess", "camp", "prod"];
const RARE = [
  "chargeback", "reconciliation", "mainframe", "cobol", "copybook", "churn", "ledger", "quarterly", "Zendesk", "HubSpot",
  "SAP", "Stripe", "EUR", "geography", "mainframe extract",
];
const NOTHING = ["zebra", "kubernetes", "quantum flux", "xyzzy", "blockchain", "lorem ipsum", "SELECT * FROM orders; --", "o'reilly \"quoted\"", "unicorn", "  weather   forecast  "];
const QUALIFIED = [
  "sales.public.orders", "finance.analytics.ledger_entries_daily", "marketing.staging.campaigns_v2", "sales.orders", "payments_2024",
  "orders_2025", "customer_events_hourly", "hr.raw.payroll", "web.analytics.page_views_agg", "billing.public.invoices_latest",
  "inventory.staging.inventory_levels_snapshot", "fraud.analytics.fraud_alerts", "support.raw.tickets_history", "ads.public.impressions_clean", "mobile.analytics.app_installs_v2",
];
const FACETED: TSearchInput[] = [
  { q: "orders", platform: ["snowflake"] },
  { q: "", tag: ["pii"] },
  { q: "revenue", layer: ["gold"] },
  { q: "customers", owner: ["alice.martin"] },
  { q: "", platform: ["kafka"] },
  { q: "payments", quality: ["failed"] },
  { q: "events", tag: ["finance", "gdpr"] },
  { q: "", quality: ["none"], layer: ["bronze"] },
  { q: "email", platform: ["postgres"], tag: ["pii"] },
  { q: "ordrs", platform: ["duckdb", "snowflake"], layer: ["silver"] },
];

export function benchQueries(): TBenchQuery[] {
  const of = (kind: string, words: readonly string[]) => words.map((q) => ({ kind, input: { q } }));
  const queries = [
    ...of("single word", SINGLE),
    ...of("two words", TWO_WORDS),
    ...of("typo", TYPOS),
    ...of("column name", COLUMN_NAMES),
    ...of("tag", TAGS),
    ...of("owner", OWNER_TEXT),
    ...of("prefix", PREFIXES),
    ...of("rare word", RARE),
    ...of("no match", NOTHING),
    ...of("qualified name", QUALIFIED),
    ...FACETED.map((input) => ({ kind: "facets", input })),
  ];
  if (queries.length !== 200) throw new Error(`Expected 200 benchmark queries, have ${queries.length}.`);
  return queries;
}

/** Ten other searches to warm caches and connections before measuring. */
export const WARM_UP: readonly string[] = ["orders", "customer", "ordrs", "email", "pii", "alice", "sales.public", "refund", "xyz", "daily revenue"];
