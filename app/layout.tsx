import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@/components/globals.css";
import { TrpcProvider } from "@/components/trpc/TrpcProvider";

export const metadata: Metadata = { title: "Weir", description: "The data platform control plane" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <TrpcProvider>{children}</TrpcProvider>
      </body>
    </html>
  );
}
