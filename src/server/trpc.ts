/**
 * tRPC set-up: context, error formatting and procedure tiers. There is no bare
 * procedure: every procedure is built with `procedure(tier)`, which records the
 * tier in its meta (the role matrix test reads it) and enforces it before the
 * input is even parsed; then the input rules (src/lib/input-rules.ts) check
 * every string and the nesting of the whole raw input before its schema does.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError, ZodRealError } from "zod";
import { APP_ERROR_CODES, isAppError } from "@/lib/app-error";
import { findUnsafeInput } from "@/lib/input-rules";
import type { TContext } from "@/server/context";
import { satisfiesTier, type TTier } from "@/server/roles";
import { scrubSecrets } from "@/lib/secret-scrub";

export type TProcedureMeta = { tier: TTier };

/** Turns zod issues into one sentence that names each bad field. */
export function describeZodError(error: ZodError): string {
  return error.issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; ");
}

/** One problem with one input field; the message is phrased to follow the field's name ("is required"). */
export type TFieldIssue = { path: string; message: string };

/**
 * What an error says about fields, for forms to show each problem beside
 * its field: `field` is the (first) input field it names, `fieldErrors` the
 * problems per field. From zod issues, or from an AppError's details
 * (`field`, and `fieldErrors` of a configuration, whose paths are under
 * `config`). Both undefined when the error names no field.
 */
export function fieldsOf(cause: unknown): { field?: string; fieldErrors?: TFieldIssue[] } {
  if (cause instanceof ZodError) {
    const fieldErrors = cause.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    return { field: fieldErrors.find((i) => i.path)?.path, fieldErrors };
  }
  if (!isAppError(cause) || !cause.details) return {};
  const { field, fieldErrors } = cause.details as { field?: unknown; fieldErrors?: Array<{ field?: string; path?: string; message: string }> };
  const issues = Array.isArray(fieldErrors)
    ? fieldErrors.map((e) => ({ path: e.path ?? (e.field ? `config.${e.field}` : "config"), message: scrubSecrets(e.message) }))
    : undefined;
  return { field: typeof field === "string" ? field : issues?.[0]?.path, fieldErrors: issues };
}

const t = initTRPC
  .context<TContext>()
  .meta<TProcedureMeta>()
  .create({
    transformer: superjson,
    isDev: false,
    errorFormatter({ shape, error }) {
      const zod = error.cause instanceof ZodError ? error.cause : null;
      const internal = error.code === "INTERNAL_SERVER_ERROR";
      const { stack: _stack, ...data } = shape.data;
      return {
        ...shape,
        message: zod
          ? `Invalid input: ${describeZodError(zod)}`
          : internal
            ? "Something went wrong on the server. It has been logged; try again, and tell an admin if it persists."
            : shape.message,
        data: { ...data, field: undefined, fieldErrors: undefined, ...(internal ? {} : fieldsOf(error.cause)) },
      };
    },
  });

/** Maps AppError to TRPCError and logs unexpected errors with the request id. */
const errorMapper = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (isAppError(cause)) {
      throw new TRPCError({ code: APP_ERROR_CODES[cause.code].trpc, message: scrubSecrets(cause.message), cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      ctx.log.error({ err: cause ?? result.error, path }, "procedure failed");
    }
  }
  return result;
});

function requireTier(tier: TTier) {
  return t.middleware(({ ctx, next }) => {
    if (!satisfiesTier(ctx.user?.role, tier)) {
      if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
      throw new TRPCError({
        code: "FORBIDDEN",
        message: `This needs the ${tier} role; you are signed in as ${ctx.user.role}. Ask an admin for access.`,
      });
    }
    return next();
  });
}

/**
 * Text PostgreSQL cannot store and JSON nested too deep are refused for every
 * procedure, in any field (also inside free-form JSON such as configs), as a
 * BAD_REQUEST naming the field, like a zod issue.
 */
const inputRules = t.middleware(async ({ getRawInput, next }) => {
  const issue = findUnsafeInput(await getRawInput());
  if (issue) {
    // ZodRealError is the ZodError that is also an Error, as zod's own parse throws it (tRPC keeps only Errors as causes).
    const cause = new ZodRealError([{ code: "custom", path: issue.path, message: issue.message, input: undefined }]);
    throw new TRPCError({ code: "BAD_REQUEST", message: "Invalid input", cause });
  }
  return next();
});

/** The only way to build a procedure: name the tier it needs. */
export function procedure(tier: TTier) {
  return t.procedure.meta({ tier }).use(errorMapper).use(requireTier(tier)).use(inputRules);
}

/** A procedure for a signed-in caller; narrows ctx.user to non-null. */
export function authedProcedure(tier: Exclude<TTier, "public">) {
  return procedure(tier).use(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to do this." });
    return next({ ctx: { ...ctx, user: ctx.user } });
  });
}

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
