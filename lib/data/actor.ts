/** Who is acting: a signed-in user, or a command-line run (no user, a label for the audit log). */
export interface Actor {
  userId: string | null;
  label?: string;
}
