/**
 * A button in one of Weir's variants (primary, secondary, danger,
 * danger-outline, link, quiet). `pending` disables it and shows `pendingLabel`
 * (e.g. "Saving…") in place of its label while a mutation runs.
 */
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { buttonClass, type TButtonSize, type TButtonVariant } from "@/components/ui/button-class";

type TProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, "className"> & {
  variant?: TButtonVariant;
  size?: TButtonSize;
  pending?: boolean;
  pendingLabel?: ReactNode;
  testId?: string;
  className?: string;
};

export function Button({
  variant = "secondary",
  size,
  pending = false,
  pendingLabel,
  testId,
  className,
  type = "button",
  disabled,
  children,
  ...rest
}: TProps) {
  return (
    <button
      {...rest}
      type={type}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
      className={buttonClass(variant, size, className)}
      data-testid={testId}
    >
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
