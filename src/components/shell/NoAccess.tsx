/**
 * Shown in place of a page the user's role may not open.
 */
import Link from "next/link";

export function NoAccess({ needs, has }: { needs: string; has: string }) {
  return (
    <div className="mx-auto mt-16 max-w-lg rounded-lg border border-amber-200 bg-amber-50 px-6 py-8" role="alert" data-testid="no-access">
      <h1 className="text-xl font-semibold text-amber-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-amber-900">
        This page needs the <strong>{needs}</strong> role; you are signed in as <strong>{has}</strong>. Ask an admin to change your role if you need it.
      </p>
      <Link href="/" className="mt-4 inline-block text-sm font-medium text-amber-900 underline">
        Back to the overview
      </Link>
    </div>
  );
}
