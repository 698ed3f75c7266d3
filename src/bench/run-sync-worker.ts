/**
 * Runs one sync in a fresh worker process (sync-worker.ts) and reads the
 * worker's peak resident set size (VmHWM in /proc/<pid>/status) after the
 * sync, before letting it exit. Linux only, like the rest of the benchmark.
 */
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { WORKER_NODE_FLAGS } from "@/lib/worker-node-flags";

import type { TSyncWorkerInput, TSyncWorkerMessage, TSyncWorkerResult } from "@/bench/sync-worker";

export type TWorkerRun = TSyncWorkerResult & { peakRssBytes: number };

/** VmHWM of a live process, in bytes. */
function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (!kb) throw new Error(`No VmHWM in /proc/${pid}/status.`);
  return Number(kb) * 1024;
}

export function runSyncWorker(input: TSyncWorkerInput): Promise<TWorkerRun> {
  const child = fork(path.join(__dirname, "sync-worker.ts"), [], {
    execArgv: [...WORKER_NODE_FLAGS, "--import", "tsx"],
    env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let answer: TSyncWorkerMessage | undefined;
    let peak = 0;
    child.once("error", reject);
    child.once("message", (message: TSyncWorkerMessage) => {
      answer = message;
      try {
        peak = peakRss(child.pid!);
      } catch (e) {
        answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      child.send("exit");
    });
    // Settled on exit, so the worker's DuckDB file lock and connections are gone when the caller goes on.
    child.once("exit", (code, signal) => {
      if (!answer) reject(new Error(`The sync worker exited (${signal ?? `code ${code}`}) before reporting.`));
      else if (answer.ok) resolve({ ...answer.result, peakRssBytes: peak });
      else reject(new Error(`The sync worker failed: ${answer.error}`));
    });
    child.send(input);
  });
}
