import { StatTiles } from "@/components/ui/stat-tiles";
import { messages } from "@/lib/i18n/messages";
import type { Monitoring } from "@/lib/ops/monitoring";

const t = messages.ops;

/** The period's payment totals at a glance. */
export function PaymentTiles({ monitoring }: { monitoring: Monitoring }) {
  const totals = monitoring.totals;
  return (
    <StatTiles
      testIdPrefix="total-"
      tiles={[
        { key: "total", label: t.tiles.total, value: t.count(totals.total) },
        { key: "successRate", label: t.tiles.successRate, value: t.rate(totals.successRate) },
        { key: "retries", label: t.tiles.retries, value: t.count(totals.retries) },
        { key: "autoRefunded", label: t.tiles.autoRefunded, value: t.count(totals.autoRefunded) },
        { key: "abandoned", label: t.tiles.abandoned, value: t.count(totals.abandoned) },
        { key: "failed", label: t.tiles.failed, value: t.count(totals.failed) },
        { key: "verifyingNow", label: t.verifyingNow, value: t.count(monitoring.verifyingNow) },
        { key: "intentBytes", label: t.tiles.intentBytes, value: t.bytes(totals.avgIntentBytes, totals.maxIntentBytes) },
        { key: "verifyMs", label: t.tiles.verifyMs, value: t.ms(totals.avgVerifyMs) },
      ]}
    />
  );
}
