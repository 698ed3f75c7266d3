/**
 * Prints the input schemas of every tRPC procedure and zod-parsed API route
 * as JSON (src/server/testing/input-schemas.ts), for the fuzz tier
 * (e2e/fuzz/), which runs outside the app's module graph.
 */
import { inputSchemas } from "@/server/testing/input-schemas";

process.stdout.write(JSON.stringify(inputSchemas()));
