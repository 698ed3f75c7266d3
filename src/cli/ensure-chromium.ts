/**
 * Finds Chromium for the browser tests; installs Debian's package when it is
 * missing and we are root, otherwise says exactly what to do.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];

export function ensureChromium(log: (line: string) => void): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("Chromium is missing. Install it with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.");
  }
  log("Installing Chromium from Debian's packages (once)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const res = spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  if (res.status !== 0 || !existsSync("/usr/bin/chromium")) throw new Error("apt-get could not install chromium; see the output above.");
  return "/usr/bin/chromium";
}
