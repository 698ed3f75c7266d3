// tRPC endpoint. Each procedure declares and enforces its own tier (src/server/trpc.ts).
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext } from "@/server/context";
import { appRouter } from "@/server/root";

const handler = (req: Request) =>
  fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext(req) });

export { handler as GET, handler as POST };
