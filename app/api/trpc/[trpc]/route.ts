// tRPC endpoint. Each procedure declares and enforces its own tier (src/server/trpc.ts);
// input nested deeper than the input rules allow is refused here, before it is parsed.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { refuseDeepTrpcInput } from "@/server/api/json-depth-edge";
import { createContext } from "@/server/context";
import { appRouter } from "@/server/root";

const handler = async (req: Request) =>
  (await refuseDeepTrpcInput(req)) ?? fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: () => createContext(req) });

export { handler as GET, handler as POST };
