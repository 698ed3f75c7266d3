/**
 * A <select> from a list of options ({ value, label, disabled? }), with an
 * optional first "— pick … —" option of value "". `onChange` gets the
 * chosen value. Looks like a form input unless `className` says otherwise.
 */
import { inputClass } from "@/components/ui/FormField";

export type TSelectOption<V extends string> = { value: V; label: string; disabled?: boolean };

type TProps<V extends string> = {
  value: V | "";
  onChange: (value: V) => void;
  options: readonly TSelectOption<V>[];
  placeholder?: string;
  className?: string;
  disabled?: boolean;
  testId?: string;
  "aria-label"?: string;
};

export function Select<V extends string>({ value, onChange, options, placeholder, className = inputClass, disabled, testId, ...aria }: TProps<V>) {
  return (
    <select value={value} onChange={(e) => onChange(e.target.value as V)} className={className} disabled={disabled} data-testid={testId} {...aria}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {options.map((o) => (
        <option key={o.value} value={o.value} disabled={o.disabled}>
          {o.label}
        </option>
      ))}
    </select>
  );
}
