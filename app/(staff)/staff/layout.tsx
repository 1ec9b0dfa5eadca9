import type { ReactNode } from "react";
import { StaffNav } from "@/components/staff/staff-nav";
import { STAFF_ROLES } from "@/lib/auth/actor";
import { requireRole } from "@/lib/auth/current-user";

/** Every staff page checks the role again itself (and every service checks it once more): a layout does not
 * guard the pages under it on its own. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireRole(STAFF_ROLES, "/staff");
  return (
    <div className="stack staff-area">
      <StaffNav isAdmin={user.role === "admin"} />
      {children}
    </div>
  );
}
