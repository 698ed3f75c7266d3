/**
 * The words the catalog benchmark builds its 100,000 datasets from: database,
 * schema and table names, owners, description phrases and column names.
 * Chosen so that searches hit very different numbers of datasets: a table
 * word like "orders" matches a few thousand, an owner a few hundred, a rare
 * description word a few dozen, a made-up word none. Only [a-z0-9_ .,-]
 * characters, so the lists can be passed to SQL as text[] parameters.
 */

/** Database part of a name, and the dataset's domain tag. */
export const DOMAINS = [
  "sales",
  "finance",
  "marketing",
  "customer",
  "product",
  "inventory",
  "logistics",
  "hr",
  "support",
  "billing",
  "payments",
  "web",
  "mobile",
  "ads",
  "risk",
  "fraud",
] as const;

/** Domains whose datasets also carry the "finance" tag. */
export const FINANCE_DOMAINS = ["finance", "billing", "payments", "risk"] as const;

export const SCHEMAS = ["public", "raw", "staging", "analytics"] as const;

export const ENTITIES = [
  "orders",
  "order_items",
  "customers",
  "customer_events",
  "payments",
  "invoices",
  "refunds",
  "subscriptions",
  "accounts",
  "users",
  "sessions",
  "page_views",
  "clicks",
  "impressions",
  "campaigns",
  "leads",
  "opportunities",
  "products",
  "product_prices",
  "inventory_levels",
  "shipments",
  "deliveries",
  "warehouses",
  "suppliers",
  "purchase_orders",
  "tickets",
  "ticket_comments",
  "employees",
  "payroll",
  "ledger_entries",
  "transactions",
  "exchange_rates",
  "devices",
  "app_installs",
  "notifications",
  "reviews",
  "returns",
  "carts",
  "coupons",
  "fraud_alerts",
] as const;

export const SUFFIXES = ["", "_2024", "_2025", "_daily", "_hourly", "_v2", "_raw", "_clean", "_agg", "_snapshot", "_history", "_latest"] as const;

/** Number of distinct <db>.<schema>.<table> names; a fourth digit (0–3) picks the platform instance. */
export const NAME_COMBINATIONS = DOMAINS.length * SCHEMAS.length * ENTITIES.length * SUFFIXES.length;

const FIRST = [
  "alice",
  "bruno",
  "chen",
  "dana",
  "emma",
  "farid",
  "grace",
  "hugo",
  "ines",
  "jonas",
  "kira",
  "liam",
  "maya",
  "noah",
  "olga",
  "pedro",
  "quinn",
  "rosa",
  "sven",
  "tara",
];
const LAST = ["martin", "kowalski", "nguyen", "schmidt", "garcia", "okafor", "dubois", "rossi", "jansen", "silva"];
/** 200 owners, "first.last". */
export const OWNERS = FIRST.flatMap((f) => LAST.map((l) => `${f}.${l}`));

export const PHRASES = [
  "as recorded by the operational system",
  "deduplicated and cleaned",
  "aggregated per day",
  "with amounts converted to EUR",
  "joined with customer attributes",
  "as of the last snapshot",
  "one row per change",
  "enriched with geography",
  "filtered to active records",
  "partitioned by event date",
];
export const FREQUENCIES = ["hourly", "daily", "weekly", "every 15 minutes", "on demand"];
export const SOURCES = [
  "the shop database",
  "Stripe",
  "Salesforce",
  "the clickstream",
  "Google Ads",
  "Zendesk",
  "the ERP",
  "SAP",
  "HubSpot",
  "the mobile backend",
];

/** Sentences added to few descriptions, with the share of datasets that get each: the rare search terms. */
export const RARE_SENTENCES: readonly { every: number; text: string }[] = [
  { every: 97, text: "Used by the churn model." },
  { every: 499, text: "Feeds the quarterly reconciliation with the general ledger." },
  { every: 1999, text: "Chargeback disputes are settled here." },
  { every: 4999, text: "Contains the legacy mainframe extract (COBOL copybook)." },
];

/** Extra dataset tags, each on datasets whose hash falls under its share (per 1,000). */
export const EXTRA_TAGS: readonly { tag: string; perMille: number }[] = [
  { tag: "certified", perMille: 100 },
  { tag: "core", perMille: 80 },
  { tag: "gdpr", perMille: 50 },
  { tag: "experimental", perMille: 40 },
  { tag: "deprecated", perMille: 30 },
  { tag: "sla-gold", perMille: 20 },
];

/** Column names with their type and a description ("" = none); pii marks personal data. */
export const COLUMNS: readonly { name: string; type: string; description: string; pii?: boolean }[] = [
  { name: "id", type: "bigint", description: "Primary key" },
  { name: "customer_id", type: "bigint", description: "The customer" },
  { name: "order_id", type: "bigint", description: "The order" },
  { name: "product_id", type: "bigint", description: "The product" },
  { name: "account_id", type: "bigint", description: "" },
  { name: "user_id", type: "bigint", description: "" },
  { name: "session_id", type: "text", description: "Web or app session" },
  { name: "invoice_id", type: "bigint", description: "" },
  { name: "payment_id", type: "bigint", description: "" },
  { name: "campaign_id", type: "bigint", description: "Marketing campaign" },
  { name: "created_at", type: "timestamptz", description: "When the row was created" },
  { name: "updated_at", type: "timestamptz", description: "When the row last changed" },
  { name: "deleted_at", type: "timestamptz", description: "" },
  { name: "event_time", type: "timestamptz", description: "When the event happened" },
  { name: "event_date", type: "date", description: "" },
  { name: "event_type", type: "text", description: "" },
  { name: "amount", type: "numeric(12,2)", description: "Amount in the original currency" },
  { name: "amount_eur", type: "numeric(12,2)", description: "Amount converted to EUR" },
  { name: "currency", type: "text", description: "ISO 4217 code" },
  { name: "tax_amount", type: "numeric(12,2)", description: "" },
  { name: "discount", type: "numeric(12,2)", description: "" },
  { name: "quantity", type: "integer", description: "" },
  { name: "unit_price", type: "numeric(12,2)", description: "" },
  { name: "total_revenue", type: "numeric(14,2)", description: "Revenue after discounts" },
  { name: "status", type: "text", description: "Lifecycle status" },
  { name: "channel", type: "text", description: "" },
  { name: "country", type: "text", description: "ISO country code" },
  { name: "region", type: "text", description: "" },
  { name: "city", type: "text", description: "" },
  { name: "postal_code", type: "text", description: "" },
  { name: "email", type: "text", description: "Contact email", pii: true },
  { name: "phone", type: "text", description: "Contact phone number", pii: true },
  { name: "first_name", type: "text", description: "", pii: true },
  { name: "last_name", type: "text", description: "", pii: true },
  { name: "street_address", type: "text", description: "", pii: true },
  { name: "ip_address", type: "inet", description: "Client IP", pii: true },
  { name: "birth_date", type: "date", description: "", pii: true },
  { name: "national_id", type: "text", description: "Tax or social security number", pii: true },
  { name: "sku", type: "text", description: "Stock keeping unit" },
  { name: "category", type: "text", description: "" },
  { name: "brand", type: "text", description: "" },
  { name: "warehouse_code", type: "text", description: "" },
  { name: "carrier", type: "text", description: "Shipping carrier" },
  { name: "tracking_number", type: "text", description: "" },
  { name: "shipped_at", type: "timestamptz", description: "" },
  { name: "delivered_at", type: "timestamptz", description: "" },
  { name: "utm_source", type: "text", description: "" },
  { name: "utm_medium", type: "text", description: "" },
  { name: "utm_campaign", type: "text", description: "" },
  { name: "referrer", type: "text", description: "" },
  { name: "page_url", type: "text", description: "" },
  { name: "device_type", type: "text", description: "desktop, mobile or tablet" },
  { name: "os_version", type: "text", description: "" },
  { name: "app_version", type: "text", description: "" },
  { name: "is_active", type: "boolean", description: "" },
  { name: "is_test", type: "boolean", description: "Test data, excluded from reports" },
  { name: "plan", type: "text", description: "Subscription plan" },
  { name: "mrr", type: "numeric(12,2)", description: "Monthly recurring revenue" },
  { name: "churned_at", type: "timestamptz", description: "" },
  { name: "ltv", type: "numeric(12,2)", description: "Customer lifetime value" },
  { name: "score", type: "double precision", description: "" },
  { name: "risk_score", type: "double precision", description: "Fraud risk, 0 to 1" },
  { name: "ticket_priority", type: "text", description: "" },
  { name: "resolution_time", type: "interval", description: "" },
  { name: "employee_id", type: "bigint", description: "" },
  { name: "department", type: "text", description: "" },
  { name: "salary", type: "numeric(12,2)", description: "Gross yearly salary" },
  { name: "ledger_account", type: "text", description: "General ledger account" },
  { name: "cost_center", type: "text", description: "" },
  { name: "fiscal_period", type: "text", description: "" },
  { name: "exchange_rate", type: "numeric(18,8)", description: "" },
  { name: "supplier_id", type: "bigint", description: "" },
  { name: "lead_source", type: "text", description: "" },
  { name: "stage", type: "text", description: "Sales pipeline stage" },
  { name: "rating", type: "smallint", description: "" },
  { name: "review_text", type: "text", description: "" },
  { name: "coupon_code", type: "text", description: "" },
  { name: "return_reason", type: "text", description: "" },
  { name: "loaded_at", type: "timestamptz", description: "When Weir loaded the row" },
  { name: "_source_file", type: "text", description: "" },
];
