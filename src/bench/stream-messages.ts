/**
 * The streaming benchmark's messages: realistic order events of about 300
 * bytes of JSON (ids, an ISO timestamp, a nested customer object, a few
 * strings, numbers, a boolean and a small array), keyed by customer. Values
 * vary with the sequence number so that JSON parsing and CSV encoding do
 * real work. Pure.
 */
const EVENT_TYPES = ["order.created", "order.paid", "order.shipped", "order.refunded"] as const;
const TIERS = ["free", "silver", "gold", "platinum"] as const;
const COUNTRIES = ["DE", "FR", "NL", "US", "GB", "ES", "IT", "SE", "PL", "JP"] as const;
const CHANNELS = ["web", "ios", "android", "pos"] as const;

/** A stable 32-bit mix of `i`, for values that look random but repeat between runs. */
function mix(i: number): number {
  let x = (i + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);

/** Message `seq`'s key and JSON value (its `occurred_at` is `atMs`). */
export function benchMessage(seq: number, atMs: number): { key: string; value: string } {
  const r = mix(seq);
  const customerId = 100_000 + (r % 250_000);
  const value = {
    event_id: `${hex(r, 8)}-${hex(seq, 4)}-4${hex(r >>> 4, 3)}-a${hex(seq >>> 8, 3)}-${hex(mix(r), 8)}${hex(seq, 4)}`,
    seq,
    type: EVENT_TYPES[r % EVENT_TYPES.length],
    occurred_at: new Date(atMs).toISOString(),
    customer: { id: customerId, name: `Customer ${customerId}`, tier: TIERS[(r >>> 3) % TIERS.length], country: COUNTRIES[(r >>> 5) % COUNTRIES.length] },
    amount: Math.round((r % 1_000_000) / 7) / 100,
    items: 1 + (r % 9),
    paid: (r & 1) === 1,
    channel: CHANNELS[(r >>> 7) % CHANNELS.length],
    coupon: r % 5 === 0 ? `SPRING-${r % 1000}` : null,
    tags: ["bench", `batch-${seq % 97}`],
  };
  return { key: String(customerId), value: JSON.stringify(value) };
}
