/**
 * Password hashing (bcrypt, cost 12) and generation of temporary passwords.
 */
import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";
import { z } from "zod";
import { setting } from "@/lib/env";

export const ZPassword = z.string().min(10, "has at least 10 characters").max(200, "has at most 200 characters");

const COST = setting("NODE_ENV") === "test" ? 4 : 12;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, COST);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

/** A random password that is easy to copy: 20 characters of base64url. */
export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
