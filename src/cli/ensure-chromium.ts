/**
 * Finds Chromium for the browser tests; installs Debian's package when it is
 * missing and we are root, otherwise says exactly what to do. apt's output
 * is kept and shown only when the install fails.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { setting } from "@/lib/env";

const CANDIDATES = [setting("CHROMIUM_PATH"), "/usr/bin/chromium", "/usr/bin/chromium-browser"];

function apt(args: string[]): { ok: boolean; output: string } {
  const res = spawnSync("apt-get", args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  return { ok: res.status === 0, output: `${res.stdout ?? ""}${res.stderr ?? ""}${res.error ? String(res.error) : ""}` };
}

export function ensureChromium(log: (line: string) => void): string {
  const found = CANDIDATES.find((p): p is string => !!p && existsSync(p));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("Chromium is missing. Install it with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium binary.");
  }
  log("Installing Chromium from Debian's packages (once)…");
  const started = Date.now();
  const update = apt(["update", "-qq"]);
  const install = update.ok ? apt(["install", "-y", "-qq", "chromium"]) : update;
  if (!install.ok || !existsSync("/usr/bin/chromium")) {
    throw new Error(`apt-get could not install chromium. Its last output:\n${install.output.trim().split("\n").slice(-30).join("\n")}`);
  }
  log(`  Chromium installed in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  return "/usr/bin/chromium";
}
