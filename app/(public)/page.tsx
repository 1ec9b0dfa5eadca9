import type { Metadata } from "next";
import { connection } from "next/server";
import { DoctorResults } from "@/components/doctors/doctor-results";
import { DoctorSearchForm } from "@/components/doctors/doctor-search-form";
import { db } from "@/db/client";
import { doctorSearchFilters, searchDirectory } from "@/lib/directory/doctor-search";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory;

export const metadata: Metadata = { alternates: { canonical: "/" } };

export default async function HomePage() {
  await connection();
  const filters = doctorSearchFilters.parse({});
  const found = await searchDirectory(db(), filters);
  return (
    <div className="stack">
      <section>
        <h1>{t.homeTitle}</h1>
        <p className="muted">{t.homeLead}</p>
      </section>
      <DoctorSearchForm filters={filters} facets={found.facets} />
      <DoctorResults found={found} filters={filters} />
    </div>
  );
}
