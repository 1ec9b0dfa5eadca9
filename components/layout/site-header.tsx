import Link from "next/link";
import { UnreadBadge, UnreadChatsProvider } from "@/components/chat/unread-badge";
import { InboxLink } from "@/components/notifications/inbox-link";
import type { CurrentUser } from "@/lib/auth/current-user";
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
    links.push(
      { href: "/appointments", label: t.myAppointments },
      { href: chatsHref(user), label: t.chats },
      { href: "/wallet", label: t.wallet },
      { href: "/payments", label: messages.patient.payments.title },
      { href: "/profile", label: messages.profile.title },
      { href: "/account", label: messages.privacy.nav },
    );
  }
  return links;
}

type HeaderProps = {
  user: CurrentUser | null;
  /** The signed-in user's unread chat messages, for the badge (0 when signed out). */
  unreadChats: number;
  /** Unread messages of the in-app list (what was sent by SMS), shown outside the phone menu. */
  unreadMessages: number;
  signOutAction: () => Promise<void>;
};

function NavList({ user, label, signOutAction }: HeaderProps & { label: string }) {
  return (
    <nav aria-label={label} className="site-nav">
      <ul>
        {navLinks(user).map((link) => (
          <li key={link.href}>
            <Link href={link.href}>
              {link.label}
              {user && link.href === chatsHref(user) ? <UnreadBadge /> : null}
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

/** On phones the same links fold into a <details> menu (MobileMenu), which needs no script and works by keyboard.
 * The root layout reads the user and their unread count and passes the sign-out action in. */
export function SiteHeader(props: HeaderProps) {
  const content = (
    <div className="container">
      <Link href="/" className="brand">
        {t.appName}
      </Link>
      {props.user ? <InboxLink userId={props.user.userId} initialCount={props.unreadMessages} /> : null}
      <div className="desktop-nav">
        <NavList {...props} label={t.mainNav} />
      </div>
      <MobileMenu label={t.menu}>
        <NavList {...props} label={t.mobileNav} />
      </MobileMenu>
    </div>
  );
  return (
    <header className="site-header">
      {props.user ? (
        <UnreadChatsProvider userId={props.user.userId} initialCount={props.unreadChats}>
          {content}
        </UnreadChatsProvider>
      ) : (
        content
      )}
    </header>
  );
}
