import type { Metadata } from "next";
import { connection } from "next/server";
import { DoctorResults } from "@/components/doctors/doctor-results";
import { DoctorSearchForm } from "@/components/doctors/doctor-search-form";
import { database } from "@/db/client";
import { doctorSearchFilters } from "@/lib/directory/doctor-search";
import { publicReads } from "@/lib/public-cache/public-reads";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory;

export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function HomePage() {
  await connection();
  const filters = doctorSearchFilters.parse({});
  const found = await publicReads(database()).search(filters);
  return (
    <div className="stack">
      <section>
        <h1>{t.homeTitle}</h1>
        <p className="muted">{t.homeLead}</p>
      </section>
      <DoctorSearchForm filters={filters} facets={found.facets} />
      <DoctorResults found={found} filters={filters} more />
    </div>
  );
}
