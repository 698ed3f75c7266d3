"use client";
/**
 * Copies a secret shown once (an API token, an invitation link) to the
 * clipboard; where the clipboard is refused the text stays selectable.
 */
import { useState } from "react";
import { Button } from "@/components/ui/Button";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      // Clipboard access needs a secure context; the text stays selectable.
      setState("failed");
    }
  }
  return (
    <Button onClick={copy} className="shrink-0" aria-label={`Copy ${label}`}>
      {state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}
    </Button>
  );
}
