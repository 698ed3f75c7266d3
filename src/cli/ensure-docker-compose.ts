/**
 * Finds docker-compose (Debian's 1.29 validates a compose file without an
 * engine); installs it when missing and we are root.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export function ensureDockerCompose(log: (line: string) => void): string {
  if (existsSync("/usr/bin/docker-compose")) return "/usr/bin/docker-compose";
  if (process.getuid?.() !== 0) {
    throw new Error("docker-compose is missing; it validates docker-compose.yml in the tests. Install it with `sudo apt-get install -y docker-compose`.");
  }
  log("Installing docker-compose from Debian's packages (once)…");
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
  const res = spawnSync("apt-get", ["install", "-y", "-qq", "docker-compose"], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (res.status !== 0) throw new Error("apt-get could not install docker-compose; see the output above.");
  return "/usr/bin/docker-compose";
}
