import Link from "next/link";
import { signOutAction } from "@/app/actions/sign-out";
import { UnreadBadge } from "@/components/chat/unread-badge";
import { db } from "@/db/client";
import { currentUser, type CurrentUser } from "@/lib/auth/current-user";
import { unreadChatCount } from "@/lib/chat/chat-unread";
import { messages } from "@/lib/i18n/messages";
import { MobileMenu } from "./mobile-menu";

const t = messages.common;

/** A doctor's chats are the ones in their inbox; everyone else's are the consultations they bought. */
const chatsHref = (user: CurrentUser) => (user.role === "doctor" ? "/doctor/chats" : "/chats");

/** Each role's own work: patients their bookings, wallet and payments; doctors their day, hours and inbox;
 * clinic staff their panel and the chats they support — not the patient's links, which are not their work. */
function navLinks(user: CurrentUser | null) {
  if (user?.role === "doctor") {
    return [
      { href: "/doctor", label: t.doctorPanel },
      { href: "/doctor/schedule", label: messages.staff.doctor.schedule },
      { href: "/doctor/reviews", label: messages.reviews.manageTitle },
      { href: chatsHref(user), label: t.chats },
    ];
  }
  if (user?.role === "staff" || user?.role === "admin") {
    return [
      { href: "/staff", label: t.staffPanel },
      { href: "/staff/appointments", label: messages.staff.nav.appointments },
      { href: "/staff/schedule", label: messages.staff.nav.schedule },
      { href: chatsHref(user), label: t.chats },
    ];
  }
  const links: { href: string; label: string }[] = [{ href: "/doctors", label: t.doctors }];
  if (user) {
    links.push({ href: "/appointments", label: t.myAppointments }, { href: chatsHref(user), label: t.chats }, { href: "/wallet", label: t.wallet }, { href: "/payments", label: messages.patient.payments.title });
  }
  return links;
}

function NavList({ user, label, unreadChats }: { user: CurrentUser | null; label: string; unreadChats: number }) {
  return (
    <nav aria-label={label} className="site-nav">
      <ul>
        {navLinks(user).map((link) => (
          <li key={link.href}>
            <Link href={link.href}>
              {link.label}
              {user && link.href === chatsHref(user) ? <UnreadBadge userId={user.userId} initialCount={unreadChats} /> : null}
            </Link>
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

/** On phones the same links fold into a <details> menu (MobileMenu), which needs no script and works by keyboard. */
export async function SiteHeader() {
  const user = await currentUser();
  const unreadChats = user ? await unreadChatCount(db(), user) : 0;
  return (
    <header className="site-header">
      <div className="container">
        <Link href="/" className="brand">
          {t.appName}
        </Link>
        <div className="desktop-nav">
          <NavList user={user} label={t.mainNav} unreadChats={unreadChats} />
        </div>
        <MobileMenu label={t.menu}>
          <NavList user={user} label={t.mobileNav} unreadChats={unreadChats} />
        </MobileMenu>
      </div>
    </header>
  );
}
