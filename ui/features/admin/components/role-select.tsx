"use client";

import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/components/ui/select";
import { ROLE_DESCRIPTIONS, ROLES, type Role } from "@/features/auth";

/** A role picker whose items say what each role may do. `null`: MLTrack has no role for them yet. */
export function RoleSelect({
  value,
  onChange,
  disabled,
  disabledReason,
  id,
  testId,
  label,
}: {
  value: Role | null;
  onChange: (role: Role) => void;
  disabled?: boolean;
  disabledReason?: string;
  id?: string;
  testId?: string;
  label?: string;
}) {
  return (
    <Select value={value ?? ""} onValueChange={(next) => onChange(next as Role)} disabled={disabled}>
      <SelectTrigger
        id={id}
        size="sm"
        className="w-32"
        aria-label={label}
        data-testid={testId}
        title={disabled && disabledReason ? disabledReason : value ? ROLE_DESCRIPTIONS[value] : "No role yet"}
      >
        <SelectValue placeholder="none yet">{value}</SelectValue>
      </SelectTrigger>
      <SelectContent>
        {ROLES.map((role) => (
          <SelectItem key={role} value={role} data-testid={`role-option-${role}`}>
            <span className="flex flex-col items-start">
              <span>{role}</span>
              <span className="max-w-72 text-xs whitespace-normal text-muted-foreground">
                {ROLE_DESCRIPTIONS[role]}
              </span>
            </span>
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
