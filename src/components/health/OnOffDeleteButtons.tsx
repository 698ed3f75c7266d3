/**
 * The small buttons at the end of a channel's or a rule's row: anything
 * extra (e.g. "Send test"), "Turn off"/"Turn on", and "Delete" after the
 * browser asks `confirm`.
 */
import type { ReactNode } from "react";
import { Button } from "@/components/ui/Button";

type TProps = {
  enabled: boolean;
  onToggle: () => void;
  confirm: string;
  onDelete: () => void;
  deleteTestId?: string;
  className?: string;
  children?: ReactNode;
};

export function OnOffDeleteButtons({ enabled, onToggle, confirm, onDelete, deleteTestId, className = "flex gap-1.5", children }: TProps) {
  return (
    <span className={className}>
      {children}
      <Button size="xs" onClick={onToggle}>
        {enabled ? "Turn off" : "Turn on"}
      </Button>
      <Button size="xs" onClick={() => window.confirm(confirm) && onDelete()} testId={deleteTestId}>
        Delete
      </Button>
    </span>
  );
}
