/**
 * The main navigation and the tier each section needs. The server enforces
 * the same tiers on the procedures behind each page; this only mirrors them.
 */
import type { TTier } from "@/server/roles";

export type TNavItem = { href: string; label: string; tier: TTier };

export const NAV_ITEMS: TNavItem[] = [
  { href: "/sources", label: "Sources", tier: "viewer" },
  { href: "/destinations", label: "Destinations", tier: "viewer" },
  { href: "/connections", label: "Connections", tier: "viewer" },
  { href: "/runs", label: "Runs", tier: "viewer" },
  { href: "/models", label: "Models", tier: "viewer" },
  { href: "/catalog", label: "Catalog", tier: "viewer" },
  { href: "/lineage", label: "Lineage", tier: "viewer" },
  { href: "/quality", label: "Quality", tier: "viewer" },
  { href: "/health", label: "Health", tier: "viewer" },
  { href: "/admin", label: "Admin", tier: "admin" },
];
