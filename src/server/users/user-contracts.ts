/**
 * Input and output contracts of user management, shared by the router, the
 * services and the admin forms.
 */
import { z } from "zod";
import { zSafeString } from "@/lib/input-rules";
import { ZRole } from "@/server/roles";
import { ZPassword } from "@/server/users/password";

export const ZEmail = zSafeString().trim().toLowerCase().email("Enter a valid email address").max(320);

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: zSafeString().trim().max(200).optional(),
  role: ZRole,
  /** Leave empty to invite: a temporary password is generated and shown once. */
  password: ZPassword.optional(),
});
export type TCreateUserInput = z.infer<typeof ZCreateUserInput>;

export const ZUserOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: ZRole,
  active: z.boolean(),
  lastSignInAt: z.date().nullable(),
  createdAt: z.date(),
});
export type TUserOutput = z.infer<typeof ZUserOutput>;

export const ZCreateUserOutput = z.object({
  user: ZUserOutput,
  /** Only when the admin left the password empty; shown once, never stored in clear. */
  temporaryPassword: z.string().nullable(),
});

export const ZUpdateUserRoleInput = z.object({ userId: z.string().uuid("userId must be a user id"), role: ZRole });
export const ZSetUserActiveInput = z.object({ userId: z.string().uuid("userId must be a user id"), active: z.boolean() });

export const USER_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  lastSignInAt: true,
  createdAt: true,
} as const;
