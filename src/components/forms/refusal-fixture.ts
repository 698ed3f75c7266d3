/**
 * Test support: a tRPC refusal as the client sees it (message plus the
 * error shape's `data`), with each zod issue written "path: message".
 */
export function refusal(message: string, issues: string[], field?: string) {
  const fieldErrors = issues.map((issue) => {
    const at = issue.indexOf(": ");
    return { path: issue.slice(0, at), message: issue.slice(at + 2) };
  });
  return { message, data: { ...(field === undefined ? {} : { field }), fieldErrors } };
}
