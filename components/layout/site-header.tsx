import Link from "next/link";
import { signOutAction } from "@/app/actions/sign-out";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { messages } from "@/lib/i18n/messages";

const t = messages.common;

function navLinks(user: CurrentUser | null) {
  const links: { href: string; label: string }[] = [{ href: "/doctors", label: t.doctors }];
  if (!user) return links;
  links.push({ href: "/appointments", label: t.myAppointments }, { href: "/chats", label: t.chats }, { href: "/wallet", label: t.wallet });
  if (user.role === "doctor") links.push({ href: "/doctor", label: t.doctorPanel });
  if (user.role === "staff" || user.role === "admin") links.push({ href: "/staff", label: t.staffPanel });
  return links;
}

function NavList({ user, label }: { user: CurrentUser | null; label: string }) {
  return (
    <nav aria-label={label} className="site-nav">
      <ul>
        {navLinks(user).map((link) => (
          <li key={link.href}>
            <Link href={link.href}>{link.label}</Link>
          </li>
        ))}
        <li>
          {user ? (
            <form action={signOutAction}>
              <button type="submit" title={t.signedInAs(user.name ?? user.phone)}>
                {t.signOut}
              </button>
            </form>
          ) : (
            <Link href="/login">{t.signIn}</Link>
          )}
        </li>
      </ul>
    </nav>
  );
}

/** On phones the same links fold into a <details> menu, which needs no script and works by keyboard. */
export async function SiteHeader() {
  const user = await currentUser();
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          {t.appName}
        </Link>
        <div className="desktop-nav">
          <NavList user={user} label={t.mainNav} />
        </div>
        <details className="menu-toggle">
          <summary>{t.menu}</summary>
          <NavList user={user} label={t.mobileNav} />
        </details>
      </div>
    </header>
  );
}
