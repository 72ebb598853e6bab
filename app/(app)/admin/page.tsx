import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { listUsers } from "@/lib/data/users";
import { ROLE_LABELS } from "@/lib/domain/roles";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { Table, Td, Th } from "@/components/ui/table";
import { formatDate } from "@/components/ui/format";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("ADMIN");
  const users = await listUsers();
  return (
    <>
      <PageHeader title="Users" description="Everyone who can sign in to this desk." />
      <Table caption="Users">
        <thead className="bg-slate-50">
          <tr>
            <Th>Name</Th>
            <Th>Email</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Created</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {users.map((user) => (
            <tr key={user.id}>
              <Td>{user.name}</Td>
              <Td>{user.email}</Td>
              <Td>{ROLE_LABELS[user.role]}</Td>
              <Td>
                {user.disabledAt ? (
                  <Badge tone="danger">Disabled</Badge>
                ) : (
                  <Badge tone="success">Active</Badge>
                )}
              </Td>
              <Td>{formatDate(user.createdAt)}</Td>
            </tr>
          ))}
        </tbody>
      </Table>
    </>
  );
}
