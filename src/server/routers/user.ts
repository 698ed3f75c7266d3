/**
 * User management for admins: list, create or invite, change role,
 * deactivate, and issue a password link (a reset, or a new invitation).
 */
import { z } from "zod";
import { authedProcedure, router } from "@/server/trpc";
import { createUser } from "@/server/users/create-user";
import { issueLinkForUser } from "@/server/users/issue-password-link";
import { listUsers } from "@/server/users/list-users";
import { updateUser } from "@/server/users/update-user";
import {
  ZCreateUserInput,
  ZCreateUserOutput,
  ZIssuedLinkOutput,
  ZIssuePasswordLinkInput,
  ZSetUserActiveInput,
  ZUpdateUserRoleInput,
  ZUserListItem,
  ZUserOutput,
} from "@/server/users/user-contracts";

const admin = authedProcedure("admin");

export const userRouter = router({
  list: admin.output(z.array(ZUserListItem)).query(() => listUsers()),
  create: admin
    .input(ZCreateUserInput)
    .output(ZCreateUserOutput)
    .mutation(({ ctx, input }) => createUser(input, ctx.user, ctx.requestId)),
  updateRole: admin
    .input(ZUpdateUserRoleInput)
    .output(ZUserOutput)
    .mutation(({ ctx, input }) => updateUser(input.userId, { role: input.role }, ctx.user, ctx.requestId)),
  setActive: admin
    .input(ZSetUserActiveInput)
    .output(ZUserOutput)
    .mutation(({ ctx, input }) => updateUser(input.userId, { active: input.active }, ctx.user, ctx.requestId)),
  /** A reset link for a user with a password, a new invitation link for one without; the token is in the answer once. */
  issuePasswordLink: admin
    .input(ZIssuePasswordLinkInput)
    .output(ZIssuedLinkOutput)
    .mutation(({ ctx, input }) => issueLinkForUser(input.userId, ctx.user, ctx.requestId)),
});
