import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { messages } from "@/lib/i18n/messages";

export const metadata: Metadata = { title: messages.auth.signInTitle };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  return (
    <div className="card stack" style={{ maxWidth: 420, marginInline: "auto" }}>
      <h1>{messages.auth.signInTitle}</h1>
      <SignInForm next={typeof next === "string" ? next : "/"} />
    </div>
  );
}
