import type { Role } from "@/lib/domain/roles";

/**
 * Demo logins for the embedded default. Printed by `npm start`; never created on a
 * server named by DATABASE_URL unless asked for (--seed-demo).
 */
export const DEMO_USERS: ReadonlyArray<{
  email: string;
  name: string;
  role: Role;
  password: string;
}> = [
  {
    email: "reviewer@claimdesk.test",
    name: "Rita Reviewer",
    role: "REVIEWER",
    password: "reviewer-demo-pass",
  },
  {
    email: "reviewer2@claimdesk.test",
    name: "Ravi Reviewer",
    role: "REVIEWER",
    password: "reviewer-demo-pass",
  },
  {
    email: "editor@claimdesk.test",
    name: "Elena Editor",
    role: "EDITOR",
    password: "editor-demo-pass",
  },
  {
    email: "editor2@claimdesk.test",
    name: "Emil Editor",
    role: "EDITOR",
    password: "editor-demo-pass",
  },
  { email: "admin@claimdesk.test", name: "Ada Admin", role: "ADMIN", password: "admin-demo-pass" },
];

/** The default verdict scale; ratingValue follows ClaimReview (5 best, 1 worst). */
export const DEFAULT_VERDICTS = [
  {
    key: "true",
    label: "True",
    ratingValue: 5,
    description: "Accurate, nothing significant missing.",
  },
  {
    key: "mostly-true",
    label: "Mostly true",
    ratingValue: 4,
    description: "Accurate but needs clarification.",
  },
  { key: "mixed", label: "Mixed", ratingValue: 3, description: "Partly accurate, partly not." },
  {
    key: "mostly-false",
    label: "Mostly false",
    ratingValue: 2,
    description: "Some truth, but misleading overall.",
  },
  { key: "false", label: "False", ratingValue: 1, description: "Not accurate." },
  {
    key: "unproven",
    label: "Unproven",
    ratingValue: 0,
    description: "The evidence does not settle it.",
  },
] as const;
