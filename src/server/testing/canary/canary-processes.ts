/**
 * The canary scan's Weir: the tRPC server (src/server/testing/trpc-http-server.ts)
 * and a worker (workers/main.ts), each a real process whose every output
 * line the scan reads, and a tRPC client over HTTP that keeps every answer
 * it receives.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import superjson from "superjson";
import { freePort } from "@/db/embedded-postgres";
import { until } from "@/lib/testing/until";

const ROOT = path.resolve(__dirname, "..", "..", "..", "..");

export type TWeirProcess = { name: string; output: string[]; stop(): Promise<void> };

function startProcess(name: string, script: string, env: NodeJS.ProcessEnv): TWeirProcess {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    name,
    output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function startWeir(env: NodeJS.ProcessEnv) {
  const port = await freePort();
  const web = startProcess("tRPC server", "src/server/testing/trpc-http-server.ts", { ...env, PORT: String(port), WEIR_SERVICE: "web" });
  const worker = startProcess("worker", "workers/main.ts", { ...env, WEIR_SERVICE: "worker", WEIR_WORKER_CONCURRENCY: "4" });
  const base = `http://127.0.0.1:${port}/api/trpc`;
  await until(
    "the tRPC server to answer",
    async () => (await fetch(`${base}/alert.channelKinds`)).status === 401,
    60_000,
    () => web.output.join("").slice(-3000),
  );
  return { base, processes: [web, worker] };
}

export type TAnswer = { label: string; status: number; body: string };

/** tRPC over HTTP as a user (by id); every answer is kept for the scan. */
export function trpcClient(base: string, answers: TAnswer[]) {
  const keep = async (label: string, res: Response) => {
    const answer = { label, status: res.status, body: await res.text() };
    answers.push(answer);
    return answer;
  };
  const headers = (userId: string) => ({ "x-weir-test-user": userId, "content-type": "application/json" });
  return {
    /** A mutation; resolves with its data, or throws with the answer when it is not a 200. */
    async mutate<T = Record<string, unknown>>(userId: string, procedure: string, input: unknown): Promise<T> {
      const res = await fetch(`${base}/${procedure}`, { method: "POST", headers: headers(userId), body: JSON.stringify(superjson.serialize(input)) });
      const answer = await keep(`${procedure} (mutation)`, res);
      if (res.status !== 200) throw new Error(`${procedure} answered ${res.status}: ${answer.body.slice(0, 500)}`);
      return superjson.deserialize((JSON.parse(answer.body) as { result: { data: never } }).result.data) as T;
    },
    /** A mutation expected to fail (its error answer is what is scanned); resolves with the status. */
    async attempt(userId: string, procedure: string, input: unknown): Promise<TAnswer> {
      const res = await fetch(`${base}/${procedure}`, { method: "POST", headers: headers(userId), body: JSON.stringify(superjson.serialize(input)) });
      return keep(`${procedure} (mutation)`, res);
    },
    /** One batched GET of a query with many inputs, as the browser's httpBatchLink sends them. */
    async queryBatch(userId: string, role: string, procedure: string, inputs: unknown[]): Promise<TAnswer> {
      const encoded = Object.fromEntries(inputs.map((input, i) => [String(i), superjson.serialize(input)]));
      const url = `${base}/${inputs.map(() => procedure).join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify(encoded))}`;
      return keep(`${procedure} as ${role} (${inputs.length} inputs)`, await fetch(url, { headers: headers(userId) }));
    },
  };
}
