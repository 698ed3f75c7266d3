/**
 * Stops the Weir started by global-setup (its whole process group) and removes
 * its state folder.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { RUN_FILE } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(RUN_FILE)) return; // set-up failed before Weir started
  const run = JSON.parse(readFileSync(RUN_FILE, "utf8")) as { pid: number; stateDir: string };
  try {
    process.kill(-run.pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(run.pid, 0);
      await new Promise((r) => setTimeout(r, 100));
    } catch {
      break;
    }
  }
  try {
    process.kill(-run.pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  rmSync(run.stateDir, { recursive: true, force: true });
}
