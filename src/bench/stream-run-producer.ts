/**
 * Runs the streaming benchmark's producer (stream-producer.ts) in a child
 * process and resolves with what it reports once it has exited.
 */
import { fork } from "node:child_process";
import path from "node:path";

import type { TProducerInput, TProducerMessage, TProducerResult } from "@/bench/stream-producer";

export function runProducer(input: TProducerInput): Promise<TProducerResult> {
  const child = fork(path.join(__dirname, "stream-producer.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    let answer: TProducerMessage | undefined;
    child.once("error", reject);
    child.once("message", (message: TProducerMessage) => (answer = message));
    child.once("exit", (code, signal) => {
      if (!answer) reject(new Error(`The producer exited (${signal ?? `code ${code}`}) before reporting.`));
      else if (answer.ok) resolve(answer.result);
      else reject(new Error(`The producer failed: ${answer.error}`));
    });
    child.send(input);
  });
}
