"use client";

import { KeyRound, ShieldCheck, Trash2 } from "lucide-react";
import { Timestamp } from "@/components/timestamp";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Role } from "@/features/auth";
import { cn } from "@/lib/utils";
import type { AdminUser } from "../schemas";
import { RoleSelect } from "./role-select";

export interface UsersTableProps {
  users: readonly AdminUser[];
  /** The signed-in admin: they cannot demote or delete themself. */
  me: string;
  selected: string | null;
  busyUser: string | null;
  onSelect: (username: string) => void;
  onRoleChange: (username: string, role: Role) => void;
  onResetPassword: (username: string) => void;
  onDelete: (username: string) => void;
}

export function UsersTable(props: UsersTableProps) {
  const { users, me, selected, busyUser } = props;
  return (
    <Table data-testid="admin-users-table">
      <TableHeader>
        <TableRow>
          <TableHead>User</TableHead>
          <TableHead>Role</TableHead>
          <TableHead>Signs in with</TableHead>
          <TableHead>In MLTrack since</TableHead>
          <TableHead className="text-right">Actions</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {users.map((user) => {
          const self = user.name === me;
          return (
            <TableRow
              key={user.name}
              data-testid="admin-user-row"
              data-user={user.name}
              data-state={user.name === selected ? "selected" : undefined}
              className={cn(busyUser === user.name && "opacity-60")}
            >
              <TableCell className="max-w-64">
                <div className="flex items-center gap-2">
                  <span className="truncate font-medium" title={user.name}>
                    {user.name}
                  </span>
                  {self ? <Badge variant="outline">you</Badge> : null}
                  {user.mlflowAdmin ? (
                    <Badge variant="secondary" title="An MLflow admin: every permission on everything">
                      MLflow admin
                    </Badge>
                  ) : null}
                </div>
              </TableCell>
              <TableCell>
                <RoleSelect
                  value={user.role}
                  onChange={(role) => props.onRoleChange(user.name, role)}
                  disabled={self || busyUser === user.name}
                  disabledReason={self ? "Another admin can change your role" : undefined}
                  testId={`admin-role-${user.name}`}
                  label={`Role of ${user.name}`}
                />
              </TableCell>
              <TableCell data-testid="admin-user-source">
                {user.source === "github" ? (
                  <span title="MLTrack keeps their MLflow password">
                    GitHub{user.githubLogin ? ` (${user.githubLogin})` : ""}
                  </span>
                ) : (
                  "MLflow password"
                )}
              </TableCell>
              <TableCell data-testid="admin-user-signed-in">
                {user.createdAt === null ? (
                  <span className="text-muted-foreground">never signed in</span>
                ) : (
                  <Timestamp ms={user.createdAt} />
                )}
              </TableCell>
              <TableCell>
                <div className="flex justify-end gap-1">
                  <Button
                    variant={user.name === selected ? "secondary" : "ghost"}
                    size="sm"
                    onClick={() => props.onSelect(user.name)}
                    data-testid={`admin-permissions-${user.name}`}
                  >
                    <ShieldCheck /> Permissions
                  </Button>
                  {user.source !== "github" && !self ? (
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => props.onResetPassword(user.name)}
                      data-testid={`admin-reset-password-${user.name}`}
                    >
                      <KeyRound /> Reset password
                    </Button>
                  ) : null}
                  {!self ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Delete ${user.name}`}
                      title={`Delete ${user.name}`}
                      onClick={() => props.onDelete(user.name)}
                      disabled={busyUser === user.name}
                      data-testid={`admin-delete-${user.name}`}
                    >
                      <Trash2 className="text-destructive" />
                    </Button>
                  ) : null}
                </div>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
