/**
 * Tests' polling wait: calls `probe` every `everyMs` until it returns a value
 * other than undefined or false (errors count as not yet), and fails after
 * `timeoutMs` naming what it waited for, the last error and `context()`.
 */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs = 60_000,
  context: () => string | Promise<string> = () => "",
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value as T;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ""}\n${await context()}`);
    await sleep(everyMs);
  }
}
