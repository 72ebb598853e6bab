"use client";

import { useState } from "react";
import {
  changeRoleAction,
  createUserAction,
  inviteUserAction,
  resetPasswordAction,
  resetTwoFactorAction,
  setDisabledAction,
} from "@/app/(app)/admin/actions";
import { ShownOnce } from "@/components/ui/shown-once";
import { Alert } from "@/components/ui/alert";
import { useActionRunner } from "@/components/ui/use-action";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableHead } from "@/components/ui/table";
import { Field, Input, Select } from "@/components/ui/field";
import { ROLES, ROLE_LABELS, type Role } from "@/lib/domain/roles";
import type { ActionResult } from "@/lib/errors";

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  /** Invited to sign in through the provider, and not signed in yet (disabled until then). */
  invited: boolean;
  /** Whether two-factor sign-in is on. */
  twoFactor: boolean;
  created: string;
}

export function UsersAdmin({
  users,
  currentUserId,
  ssoName = null,
}: {
  users: UserRow[];
  currentUserId: string;
  /** The OpenID Connect provider's name when single sign-on is set up: invitations then. */
  ssoName?: string | null;
}) {
  const { run: runAction, pending, message, fieldErrors: errors } = useActionRunner();
  const [secret, setSecret] = useState<{ email: string; password: string } | null>(null);
  const [form, setForm] = useState({ email: "", name: "", role: "REVIEWER" as Role });
  const [roles, setRoles] = useState<Record<string, Role>>({});
  const run = <T,>(
    work: () => Promise<ActionResult<T>>,
    success: string,
    after?: (data: T) => void,
  ) => void runAction(work, { success, onSuccess: after });

  return (
    <div className="space-y-6">
      {message && <Alert tone={message.tone}>{message.text}</Alert>}
      {secret && (
        <ShownOnce
          label={
            <>
              One-time password for <strong>{secret.email}</strong>
            </>
          }
          value={secret.password}
          testId="one-time-password"
          what="the password"
        >
          <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
            Done
          </Button>
        </ShownOnce>
      )}
      <form
        className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4"
        aria-label="New user"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createUserAction(form),
            `Created ${form.email}.`,
            (data) => {
              setSecret({ email: data.email, password: data.password });
              setForm({ email: "", name: "", role: "REVIEWER" });
            },
          );
        }}
      >
        <Field label="Email" error={errors.email} required>
          <Input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </Field>
        <Field label="Name" error={errors.name} required>
          <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label="Role">
          <Select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            Create user
          </Button>
          {ssoName && (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                run(
                  () => inviteUserAction(form),
                  `Invited ${form.email}: they sign in with ${ssoName}.`,
                  () => setForm({ email: "", name: "", role: "REVIEWER" }),
                )
              }
            >
              Invite to sign in with {ssoName}
            </Button>
          )}
        </div>
      </form>
      <Table caption="Users">
        <TableHead columns={["Name", "Email", "Role", "Status", "Created", ""]} />
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" data-email={u.email}>
              <td className="px-3 py-2">
                {u.name}
                {u.id === currentUserId && <span className="text-slate-500"> (you)</span>}
              </td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-2">
                  <select
                    aria-label={`Role of ${u.email}`}
                    className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-slate-300 ring-inset"
                    value={roles[u.id] ?? u.role}
                    onChange={(e) => setRoles({ ...roles, [u.id]: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABELS[r]}
                      </option>
                    ))}
                  </select>
                  {roles[u.id] && roles[u.id] !== u.role && (
                    <Button
                      size="sm"
                      variant="secondary"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => changeRoleAction({ userId: u.id, role: roles[u.id] }),
                          `Role of ${u.email} changed.`,
                        )
                      }
                    >
                      Save role
                    </Button>
                  )}
                </div>
              </td>
              <td className="px-3 py-2">
                {u.invited ? (
                  <Badge tone="warning">Invited</Badge>
                ) : u.disabled ? (
                  <Badge tone="danger">Disabled</Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}{" "}
                {u.twoFactor && <Badge tone="info">Two-factor</Badge>}
              </td>
              <td className="px-3 py-2">{u.created}</td>
              <td className="px-3 py-2">
                <div className="flex gap-2">
                  <Button
                    size="sm"
                    variant="secondary"
                    disabled={pending}
                    onClick={() =>
                      run(
                        () => setDisabledAction({ userId: u.id, disabled: !u.disabled }),
                        `${u.email} ${u.disabled ? "enabled" : "disabled"}.`,
                      )
                    }
                  >
                    {u.disabled ? "Enable" : "Disable"}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() =>
                      run(
                        () => resetPasswordAction({ userId: u.id }),
                        `Password of ${u.email} reset.`,
                        (data) => setSecret({ email: data.email, password: data.password }),
                      )
                    }
                  >
                    Reset password
                  </Button>
                  {u.twoFactor && (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => resetTwoFactorAction({ userId: u.id }),
                          `Two-factor sign-in of ${u.email} reset: they set it up again at their next sign-in.`,
                        )
                      }
                    >
                      Reset two-factor
                    </Button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
