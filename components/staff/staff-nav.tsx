"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { messages } from "@/lib/i18n/messages";

const t = messages.staff.nav;

const LINKS = [
  { href: "/staff", label: t.today },
  { href: "/staff/appointments", label: t.appointments },
  { href: "/staff/schedule", label: t.schedule },
  { href: "/staff/payments", label: t.payments },
  { href: "/staff/refunds", label: t.refunds },
  { href: "/staff/monitoring", label: t.monitoring },
] as const;

export function StaffNav({ isAdmin }: { isAdmin: boolean }) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, { href: "/staff/audit", label: t.audit }] : LINKS;
  return (
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
  );
}
