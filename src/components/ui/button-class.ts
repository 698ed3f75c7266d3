/**
 * The classes of Weir's buttons by variant and size, for <Button> and for a
 * next/link <Link> that should look like one.
 */
export type TButtonVariant = "primary" | "secondary" | "danger" | "danger-outline" | "link" | "quiet";
export type TButtonSize = "xs" | "sm" | "md";

const VARIANTS: Record<TButtonVariant, string> = {
  primary: "rounded-md bg-slate-900 font-medium text-white hover:bg-slate-700",
  secondary: "rounded-md border border-slate-300 bg-white font-medium hover:bg-slate-100",
  danger: "rounded-md bg-red-700 font-medium text-white hover:bg-red-800",
  "danger-outline": "rounded-md border border-red-200 bg-white font-medium text-red-700 hover:bg-red-50",
  link: "font-medium text-slate-700 underline hover:text-slate-900",
  quiet: "text-slate-600 hover:text-slate-900",
};

const SIZES: Record<TButtonSize, string> = { xs: "px-2 py-0.5 text-xs", sm: "px-3 py-1.5 text-sm", md: "px-4 py-2 text-sm" };

/** Primary buttons are `md` unless asked; the others `sm`; `xs` for the small buttons inside list rows; link and quiet (plain text) have no padding. */
export function buttonClass(variant: TButtonVariant = "secondary", size?: TButtonSize, extra?: string): string {
  const padding = variant === "link" || variant === "quiet" ? (size === "sm" ? "text-xs" : "text-sm") : SIZES[size ?? (variant === "primary" ? "md" : "sm")];
  return [VARIANTS[variant], padding, "disabled:cursor-not-allowed disabled:opacity-60", extra].filter(Boolean).join(" ");
}
