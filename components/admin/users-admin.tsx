"use client";

import { useTranslations } from "next-intl";
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
import { ROLES, type Role } from "@/lib/domain/roles";
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
  const t = useTranslations("Users");
  const roleNames = useTranslations("Roles");
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
          label={t.rich("oneTimePassword", {
            email: secret.email,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
          value={secret.password}
          testId="one-time-password"
          what={t("thePassword")}
        >
          <Button size="sm" variant="ghost" onClick={() => setSecret(null)}>
            {t("done")}
          </Button>
        </ShownOnce>
      )}
      <form
        className="grid items-end gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-4"
        aria-label={t("newUser")}
        onSubmit={(e) => {
          e.preventDefault();
          run(
            () => createUserAction(form),
            t("created", { email: form.email }),
            (data) => {
              setSecret({ email: data.email, password: data.password });
              setForm({ email: "", name: "", role: "REVIEWER" });
            },
          );
        }}
      >
        <Field label={t("email")} error={errors.email} required>
          <Input
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.target.value })}
          />
        </Field>
        <Field label={t("name")} error={errors.name} required>
          <Input value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        </Field>
        <Field label={t("role")}>
          <Select
            value={form.role}
            onChange={(e) => setForm({ ...form, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {roleNames(r)}
              </option>
            ))}
          </Select>
        </Field>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={pending}>
            {t("create")}
          </Button>
          {ssoName && (
            <Button
              variant="secondary"
              disabled={pending}
              onClick={() =>
                run(
                  () => inviteUserAction(form),
                  t("invited", { email: form.email, sso: ssoName }),
                  () => setForm({ email: "", name: "", role: "REVIEWER" }),
                )
              }
            >
              {t("invite", { sso: ssoName })}
            </Button>
          )}
        </div>
      </form>
      <Table caption={t("caption")}>
        <TableHead
          columns={[t("name"), t("email"), t("role"), t("status"), t("createdColumn"), ""]}
        />
        <tbody className="divide-y divide-slate-100">
          {users.map((u) => (
            <tr key={u.id} data-testid="user-row" data-email={u.email}>
              <td className="px-3 py-2">
                {u.name}
                {u.id === currentUserId && <span className="text-slate-500"> {t("you")}</span>}
              </td>
              <td className="px-3 py-2">{u.email}</td>
              <td className="px-3 py-2">
                <div className="flex items-center gap-2">
                  <select
                    aria-label={t("roleOf", { email: u.email })}
                    className="rounded-md border-0 py-1 ps-2 pe-8 text-sm ring-1 ring-slate-300 ring-inset"
                    value={roles[u.id] ?? u.role}
                    onChange={(e) => setRoles({ ...roles, [u.id]: e.target.value as Role })}
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {roleNames(r)}
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
                          t("roleChanged", { email: u.email }),
                        )
                      }
                    >
                      {t("saveRole")}
                    </Button>
                  )}
                </div>
              </td>
              <td className="px-3 py-2">
                {u.invited ? (
                  <Badge tone="warning">{t("invitedBadge")}</Badge>
                ) : u.disabled ? (
                  <Badge tone="danger">{t("disabled")}</Badge>
                ) : (
                  <Badge tone="success">{t("active")}</Badge>
                )}{" "}
                {u.twoFactor && <Badge tone="info">{t("twoFactor")}</Badge>}
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
                        t("enabledDone", { email: u.email, enabled: String(u.disabled) }),
                      )
                    }
                  >
                    {u.disabled ? t("enable") : t("disable")}
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={pending}
                    onClick={() =>
                      run(
                        () => resetPasswordAction({ userId: u.id }),
                        t("passwordReset", { email: u.email }),
                        (data) => setSecret({ email: data.email, password: data.password }),
                      )
                    }
                  >
                    {t("resetPassword")}
                  </Button>
                  {u.twoFactor && (
                    <Button
                      size="sm"
                      variant="ghost"
                      disabled={pending}
                      onClick={() =>
                        run(
                          () => resetTwoFactorAction({ userId: u.id }),
                          t("twoFactorReset", { email: u.email }),
                        )
                      }
                    >
                      {t("resetTwoFactor")}
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
