import { StatTiles } from "@/components/ui/stat-tiles";
import { formatToman } from "@/lib/i18n/format";
import { messages } from "@/lib/i18n/messages";
import type { BusinessCounts } from "@/lib/staff/business";
import { count } from "./business-format";

const t = messages.staff.business;

/** The range's totals. */
export function BusinessTiles({ totals }: { totals: BusinessCounts }) {
  return (
    <StatTiles
      testIdPrefix="business-"
      tiles={[
        { key: "bookings", label: t.tiles.bookings, value: count(totals.bookings) },
        { key: "cancelled", label: t.tiles.cancelled, value: count(totals.cancelled) },
        { key: "noShow", label: t.tiles.noShow, value: count(totals.noShow) },
        { key: "attendanceRate", label: t.tiles.attendanceRate, value: t.rate(totals.attendanceRate) },
        { key: "revenue", label: t.tiles.revenue, value: formatToman(totals.revenueRial) },
        { key: "refunds", label: t.tiles.refunds, value: formatToman(totals.refundsRial) },
        { key: "chatsAnswered", label: t.tiles.chatsAnswered, value: count(totals.chatsAnswered) },
        { key: "chatsExpired", label: t.tiles.chatsExpired, value: count(totals.chatsExpired) },
      ]}
    />
  );
}
