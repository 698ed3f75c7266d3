/**
 * A server's refusal or failure, as the person-readable message it sent
 * (never raw JSON). Nothing when there is no message. `inline`: a line of
 * red text beside the button or heading it belongs to, instead of a box.
 */
export function ErrorAlert({ message, testId, inline = false }: { message: string | null | undefined; testId?: string; inline?: boolean }) {
  if (!message) return null;
  if (inline)
    return (
      <span role="alert" className="text-sm text-red-700" data-testid={testId}>
        {message}
      </span>
    );
  return (
    <p role="alert" className="whitespace-pre-wrap rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid={testId}>
      {message}
    </p>
  );
}
