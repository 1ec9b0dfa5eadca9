import { db } from "@/db/client";
import { config } from "@/lib/config";
import { handleSandboxRequest } from "@/lib/payments/sandbox/sandbox-http";

export const dynamic = "force-dynamic";

/** The ZarinPal-compatible sandbox gateway. It exists only where the sandbox is the gateway, and in production only with DEMO_MODE=true. */
async function serve(request: Request, { params }: { params: Promise<{ path: string[] }> }) {
  const cfg = config();
  if (!cfg.devTools.sandbox) return new Response(null, { status: 404 });
  const { path } = await params;
  return handleSandboxRequest(request, path, { db: db(), verifyTimeoutHoldMs: cfg.payment.timeoutMs + 2_000 });
}

export { serve as GET, serve as POST };
