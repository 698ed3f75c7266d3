/**
 * "source → destination" of a connection, each a link to its page.
 */
import Link from "next/link";

type TEndpoint = { id: string; name: string };

export function SourceToDestination({ source, destination }: { source: TEndpoint; destination: TEndpoint }) {
  return (
    <>
      <Link href={`/sources/${source.id}`} className="hover:underline">
        {source.name}
      </Link>
      <span className="mx-1 text-slate-400">→</span>
      <Link href={`/destinations/${destination.id}`} className="hover:underline">
        {destination.name}
      </Link>
    </>
  );
}
