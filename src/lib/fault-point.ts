/**
 * Named crash points for the kill tests: when WEIR_FAULT_POINT names a point
 * (optionally `name#n` for its n-th pass), the process kills itself there
 * with SIGKILL, exactly as an OOM kill or a pulled plug would. Unset in
 * production, where a call costs one comparison.
 */
import { setting } from "@/lib/env";

const configured = setting("WEIR_FAULT_POINT");
const passes = new Map<string, number>();

export function faultPoint(name: string): void {
  if (!configured) return;
  const [point, nth] = configured.split("#");
  if (point !== name) return;
  const count = (passes.get(name) ?? 0) + 1;
  passes.set(name, count);
  if (count >= Number(nth ?? 1)) process.kill(process.pid, "SIGKILL");
}
