/**
 * What an alert is about, linked to its page when it has one, and the rule
 * that fired: "orders sync — Sync failed".
 */
import Link from "next/link";

export function AlertTarget({ href, label, rule }: { href: string | null; label: string; rule: string }) {
  return (
    <>
      {href ? (
        <Link href={href} className="font-medium hover:underline">
          {label}
        </Link>
      ) : (
        <span className="font-medium">{label}</span>
      )}{" "}
      <span className="text-sm font-normal text-slate-500">— {rule}</span>
    </>
  );
}
