import { z } from "zod";

/**
 * Pieces of every URL parameter schema. A parameter is text a stranger typed: it may hold
 * a NUL (which PostgreSQL cannot take), half of a surrogate pair (which it cannot encode),
 * or a date like 2024-13-45 that a regular expression lets through and `new Date` turns
 * into an invalid date half-way down a query.
 */

/** Text a query may hold: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && value.isWellFormed();
}

/** A calendar date, YYYY-MM-DD, that exists (no 2024-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export const calendarDate = z
  .string()
  .refine(isCalendarDate, "Dates are YYYY-MM-DD, and must exist (no 2024-13-45)");

/** An instant written as ISO 8601 that parses to a valid date, as a cursor holds it. */
export function parseInstant(value: unknown): Date | null {
  if (typeof value !== "string" || value.length > 40) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
