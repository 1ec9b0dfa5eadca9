import type { Metadata } from "next";
import { SignInForm } from "@/components/auth/sign-in-form";
import { resolveReturnPath } from "@/lib/auth/return-path";
import { config } from "@/lib/config";
import { messages } from "@/lib/i18n/messages";
import { requestCodeAction, verifyCodeAction } from "./actions";
import { log } from "@/lib/shared/log";

export const metadata: Metadata = { title: messages.auth.signInTitle };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ next?: string | string[] }> }) {
  const { next } = await searchParams;
  // Only an accepted `next` reaches the form; a refused one is said so on the page and replaced by home.
  const requested = typeof next === "string" ? next : Array.isArray(next) ? next[0] : undefined;
  const returnPath = requested === undefined ? undefined : resolveReturnPath(requested, config().appUrl);
  if (returnPath && !returnPath.ok) {
    log.info(`[auth] sign-in page: ignored next (${returnPath.error.code}, ${requested!.length} chars)`);
  }
  return (
    <div className="card stack auth-card">
      <h1>{messages.auth.signInTitle}</h1>
      <SignInForm
        next={returnPath?.ok ? returnPath.value : "/"}
        nextIgnored={returnPath ? !returnPath.ok : false}
        requestCodeAction={requestCodeAction}
        verifyCodeAction={verifyCodeAction}
      />
    </div>
  );
}
