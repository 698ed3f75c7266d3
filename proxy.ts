/**
 * Next.js's proxy (it runs before routing): an address whose percent-encoding
 * does not decode as UTF-8 (`/api/trpc/%FF`, a lone surrogate's bytes) is
 * answered 400 here. Past this point Next.js fails to decode it and answers
 * 500 (fuzz tier, docs/security.md "Input rules").
 */
import { NextResponse, type NextRequest } from "next/server";

export function proxy(request: NextRequest): NextResponse {
  try {
    decodeURIComponent(request.nextUrl.pathname);
  } catch {
    return NextResponse.json({ error: "The address is not valid: its percent-encoding does not decode as UTF-8." }, { status: 400 });
  }
  return NextResponse.next();
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"] };
