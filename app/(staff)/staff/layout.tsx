import type { ReactNode } from "react";
import { StaffNav } from "@/components/staff/staff-nav";
import { db } from "@/db/client";
import { membershipsOf } from "@/lib/auth/clinic-scope";
import { requireStaff } from "@/lib/auth/current-user";

/** Every staff page checks the role again itself (and every service checks it once more, clinic by clinic): a
 * layout does not guard the pages under it on its own. */
export default async function StaffLayout({ children }: { children: ReactNode }) {
  const user = await requireStaff("/staff");
  const memberships = await membershipsOf(db(), user);
  const isAdmin = user.role === "admin";
  return (
    <div className="stack staff-area">
      <StaffNav
        platformAdmin={isAdmin}
        clinicAdmin={isAdmin || memberships.some((m) => m.role === "clinic_admin")}
        clinics={memberships.map((m) => ({ name: m.clinicName, role: m.role }))}
      />
      {children}
    </div>
  );
}
