"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { messages } from "@/lib/i18n/messages";

const t = messages.staff.nav;

/** Every staff member's day; clinic admins (and the platform admin) also read monitoring and the audit trail. */
const LINKS = [
  { href: "/staff", label: t.today },
  { href: "/staff/appointments", label: t.appointments },
  { href: "/staff/schedule", label: t.schedule },
  { href: "/staff/payments", label: t.payments },
  { href: "/staff/refunds", label: t.refunds },
] as const;
const ADMIN_LINKS = [
  { href: "/staff/business", label: t.business },
  { href: "/staff/clinic", label: t.clinic },
  { href: "/staff/doctors", label: messages.clinicAdmin.nav.doctors },
  { href: "/staff/team", label: messages.clinicAdmin.nav.team },
  { href: "/staff/reviews", label: t.reviews },
  { href: "/staff/monitoring", label: t.monitoring },
  { href: "/staff/audit", label: t.audit },
] as const;

export function StaffNav({
  platformAdmin,
  clinicAdmin,
  clinics,
}: {
  platformAdmin: boolean;
  clinicAdmin: boolean;
  clinics: { name: string; role: "receptionist" | "clinic_admin" }[];
}) {
  const pathname = usePathname();
  // The payout queue is the platform's money, not a clinic's: only the platform admin pays out.
  const links = [...LINKS, ...(clinicAdmin ? ADMIN_LINKS : []), ...(platformAdmin ? [{ href: "/staff/payouts", label: t.payouts }] : [])];
  return (
    <div className="stack staff-head">
      <p className="muted" data-testid="staff-clinics">
        {platformAdmin
          ? t.platformAdmin
          : clinics.length === 0
            ? t.noClinic
            : clinics.map((c) => `${c.name} (${t.roles[c.role]})`).join("، ")}
      </p>
      <nav aria-label={t.label} className="tab-nav">
        <ul>
          {links.map((link) => {
            const current = link.href === "/staff" ? pathname === "/staff" : pathname.startsWith(link.href);
            return (
              <li key={link.href}>
                <Link href={link.href} aria-current={current ? "page" : undefined}>
                  {link.label}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </div>
  );
}
