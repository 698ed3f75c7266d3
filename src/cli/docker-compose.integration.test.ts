/**
 * docker-compose.yml stays a valid compose file with the scale-out shape:
 * postgres, web, several worker replicas and a KRaft Kafka, on public images.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const compose = process.env.DOCKER_COMPOSE_PATH ?? "/usr/bin/docker-compose";
const env = { ...process.env, NEXTAUTH_SECRET: "x".repeat(32), WEIR_SECRET_KEY: "k".repeat(43), WEIR_ADMIN_PASSWORD: "p".repeat(12) };

function config(file: string, args: string[] = ["-q"]) {
  return spawnSync(compose, ["-f", file, "config", ...args], { env, encoding: "utf8" });
}

describe("docker-compose.yml", () => {
  it("is accepted by docker-compose config and has the scale-out services", () => {
    const res = config(path.join(root, "docker-compose.yml"), []);
    expect(res.stderr).toBe("");
    expect(res.status).toBe(0);
    const text = res.stdout;
    for (const service of ["postgres:", "web:", "worker:", "kafka:"]) expect(text).toContain(`  ${service}`);
    expect(text).toMatch(/image: postgres:\d+/);
    expect(text).toMatch(/image: apache\/kafka:[\d.]+/);
    expect(text).toContain("KAFKA_PROCESS_ROLES: broker,controller");
    expect(text).toMatch(/replicas: [2-9]/);
  });

  it("a broken copy is rejected, naming the bad key", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "weir-compose-"));
    const broken = path.join(dir, "docker-compose.yml");
    writeFileSync(
      broken,
      readFileSync(path.join(root, "docker-compose.yml"), "utf8").replace("    working_dir: /app\n", "    working_dir: /app\n    replicaz: 2\n"),
    );
    const res = config(broken);
    expect(res.status).toBe(1);
    expect(res.stderr).toContain("replicaz");
  });
});
