/**
 * A server's refusal or failure, as the person-readable message it sent
 * (never raw JSON). Nothing when there is no message.
 */
export function ErrorAlert({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={testId}>
      {message}
    </p>
  );
}
