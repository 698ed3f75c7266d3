/**
 * Test support: a tRPC refusal as the client sees it (message plus the
 * error shape's `data`), with zod issues given as [path, message] pairs.
 */
export function refusal(message: string, issues: [path: string, message: string][], field?: string) {
  return { message, data: { ...(field === undefined ? {} : { field }), fieldErrors: issues.map(([path, text]) => ({ path, message: text })) } };
}
