import "server-only";
import { getIronSession, type SessionOptions } from "iron-session";
import { cookies } from "next/headers";
import { config } from "@/lib/config";
import { SESSION_COOKIE_NAME } from "./session-cookie";

/** The sign-in cookie: sealed, HttpOnly, SameSite=Lax, Secure in production. Holds only the user id; the
 * user's role is read from the database on every request so a demotion takes effect at once. */
export type SessionData = { userId?: string };

const SESSION_TTL_SECONDS = 30 * 24 * 3600;

function sessionOptions(): SessionOptions {
  const cfg = config();
  return {
    cookieName: SESSION_COOKIE_NAME,
    password: cfg.sessionPasswords,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure: cfg.production, path: "/" },
  };
}

export async function readSession() {
  return getIronSession<SessionData>(await cookies(), sessionOptions());
}

export async function startSession(userId: string): Promise<void> {
  const session = await readSession();
  session.userId = userId;
  await session.save();
}

export async function endSession(): Promise<void> {
  const session = await readSession();
  session.destroy();
}
