/**
 * Input and output contracts of user management, shared by the router, the
 * services and the admin forms.
 */
import { z } from "zod";
import { zSafeString } from "@/lib/input-rules";
import { ZRole } from "@/server/roles";
import { ZPassword } from "@/server/users/password";
import { ZIssuedLink } from "@/server/users/password-links";

export const ZEmail = zSafeString().trim().toLowerCase().email("Enter a valid email address").max(320);

export const ZCreateUserInput = z.object({
  email: ZEmail,
  name: zSafeString().trim().max(200).optional(),
  role: ZRole,
  /** Leave empty to invite: the user gets no password, and a single-use link to set one is shown once (and e-mailed). */
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

/** Whether the link was e-mailed: null when e-mail is not configured (the admin passes the link on). */
export const ZLinkMailOutcome = z
  .union([z.object({ sent: z.literal(true), to: z.string() }), z.object({ sent: z.literal(false), reason: z.string() })])
  .nullable();

/** A link just issued: the token is in this answer once, never stored in clear. */
export const ZIssuedLinkOutput = z.object({ link: ZIssuedLink, mail: ZLinkMailOutcome });
export type TIssuedLinkOutput = z.infer<typeof ZIssuedLinkOutput>;

export const ZCreateUserOutput = z.object({
  user: ZUserOutput,
  /** Only for an invitation (no password given). */
  invitation: ZIssuedLinkOutput.nullable(),
});

/** A row of the users list: the user, whether they have a password, and their open link (possibly expired). */
export const ZUserListItem = ZUserOutput.extend({
  passwordSet: z.boolean(),
  openLink: z.object({ purpose: z.enum(["invite", "reset"]), expiresAt: z.date(), expired: z.boolean() }).nullable(),
});
export type TUserListItem = z.infer<typeof ZUserListItem>;

export const ZIssuePasswordLinkInput = z.object({ userId: z.string().uuid("userId must be a user id") });

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
