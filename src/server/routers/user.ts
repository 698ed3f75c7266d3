/**
 * User management for admins: list, create or invite, change role, deactivate.
 */
import { z } from "zod";
import { authedProcedure, router } from "@/server/trpc";
import { createUser } from "@/server/users/create-user";
import { listUsers } from "@/server/users/list-users";
import { updateUser } from "@/server/users/update-user";
import {
  ZCreateUserInput,
  ZCreateUserOutput,
  ZSetUserActiveInput,
  ZUpdateUserRoleInput,
  ZUserOutput,
} from "@/server/users/user-contracts";

const admin = authedProcedure("admin");

export const userRouter = router({
  list: admin.output(z.array(ZUserOutput)).query(() => listUsers()),
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
});
