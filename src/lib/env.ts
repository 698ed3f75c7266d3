/**
 * Every environment variable Weir reads, declared once with its type,
 * default and meaning (settings.ts). `setting(name)` reads one, validated,
 * each time it is asked (tests and child processes change the environment);
 * `env()` is the validated set of them at once. The README's configuration
 * table lists exactly the operational ones (a test checks it).
 */
import path from "node:path";
import { z } from "zod";
import { SETTINGS, type TSettingName } from "@/lib/settings";

export { SETTINGS, type TSettingName } from "@/lib/settings";

type TSettings = typeof SETTINGS;
export type TSettingValue<K extends TSettingName> = z.output<TSettings[K]["schema"]>;

/** One variable, validated (its default when unset or empty); throws a message naming it. */
export function setting<K extends TSettingName>(name: K): TSettingValue<K> {
  const raw = process.env[name];
  const parsed = SETTINGS[name].schema.safeParse(raw === "" ? undefined : raw);
  if (!parsed.success) throw new Error(`Invalid environment:\n  ${name}: ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  return parsed.data as TSettingValue<K>;
}

const ZEnv = z.object(Object.fromEntries(Object.entries(SETTINGS).map(([name, s]) => [name, s.schema])) as { [K in TSettingName]: TSettings[K]["schema"] });

export type TEnv = z.infer<typeof ZEnv>;

/** Every variable at once, validated; throws a readable message naming each bad one. */
export function env(): TEnv {
  const values = Object.fromEntries(Object.keys(SETTINGS).map((name) => [name, process.env[name] === "" ? undefined : process.env[name]]));
  const parsed = ZEnv.safeParse(values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export function stateDir(): string {
  return path.resolve(setting("WEIR_STATE_DIR"));
}
