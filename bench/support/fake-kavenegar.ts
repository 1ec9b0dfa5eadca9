import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type AcceptedSms = { localid: string; receptor: string; message: string; messageid: number };

/** A stand-in for api.kavenegar.com on a local port, as far as the notification sender uses it: sms/send.json
 * takes a message (kept the moment it arrives, answered `delayMs` later — a sender killed in between has had
 * it accepted without knowing) and sms/statuslocalmessageid.json finds one by the sender's localid. */
export async function startFakeKavenegar(options: {
  delayMs: number;
  onAccepted?: (count: number) => void;
}): Promise<{ apiBase: string; accepted: AcceptedSms[]; close(): Promise<void> }> {
  const accepted: AcceptedSms[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
      const reply = (body: unknown) => {
        if (response.destroyed) return;
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(body));
      };
      if (request.url?.endsWith("/sms/statuslocalmessageid.json")) {
        const known = accepted.find((a) => a.localid === form.get("localid"));
        reply({
          return: { status: 200, message: "تایید شد" },
          entries: [known ? { messageid: known.messageid, status: 10 } : { messageid: null, status: 100 }],
        });
        return;
      }
      const entry = {
        localid: form.get("localid") ?? "",
        receptor: form.get("receptor") ?? "",
        message: form.get("message") ?? "",
        messageid: 10_000 + accepted.length,
      };
      accepted.push(entry);
      options.onAccepted?.(accepted.length);
      setTimeout(
        () => reply({ return: { status: 200, message: "تایید شد" }, entries: [{ messageid: entry.messageid, status: 1 }] }),
        options.delayMs,
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    apiBase: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    accepted,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
