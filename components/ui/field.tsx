"use client";

import { createContext, useContext, useId } from "react";
import { cx } from "./cx";

const CONTROL =
  "block w-full rounded-md border-0 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 aria-[invalid=true]:ring-red-500";

interface FieldIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
  required: boolean;
}

/** What a Field tells the control inside it: its id, description, validity, requiredness. */
const FieldContext = createContext<FieldIds | null>(null);

interface FieldProps {
  label: string;
  hint?: string;
  error?: string;
  /** Marked in the label, and set on the control. */
  required?: boolean;
  /** One control (Input, Textarea, Select) that wires itself, or a function given the ids. */
  children: React.ReactNode | ((ids: FieldIds) => React.ReactNode);
}

/**
 * A label, the control, and its hint and error, wired together for assistive technology:
 * the control inside takes its id, aria-describedby, aria-invalid and required from here.
 */
export function Field({ label, hint, error, required = false, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  const ids = { id, describedBy, invalid: Boolean(error), required };
  return (
    <div className="space-y-1">
      <div className="flex items-baseline gap-0.5">
        <label htmlFor={id} className="block text-sm font-medium text-slate-800">
          {label}
        </label>
        {/* Outside the label, so that its name stays the label; the control says "required". */}
        {required && (
          <span className="text-sm text-red-700" aria-hidden="true">
            *
          </span>
        )}
      </div>
      <FieldContext.Provider value={ids}>
        {typeof children === "function" ? children(ids) : children}
      </FieldContext.Provider>
      {hint && (
        <p id={hintId} className="text-xs text-slate-600">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The props a control takes from its Field, unless it sets them itself. */
function useFieldProps<P extends { id?: string; required?: boolean }>(props: P) {
  const field = useContext(FieldContext);
  if (!field) return props;
  return {
    id: field.id,
    "aria-describedby": field.describedBy,
    "aria-invalid": field.invalid || undefined,
    ...(field.required ? { required: true } : {}),
    ...props,
  };
}

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cx(CONTROL, className)} {...useFieldProps(props)} />;
}

export function Textarea({
  className,
  ...props
}: React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cx(CONTROL, className)} {...useFieldProps(props)} />;
}

export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return <select className={cx(CONTROL, "pe-8", className)} {...useFieldProps(props)} />;
}
