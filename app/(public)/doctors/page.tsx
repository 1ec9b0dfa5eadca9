import type { Metadata } from "next";
import { connection } from "next/server";
import { DoctorResults } from "@/components/doctors/doctor-results";
import { DoctorSearchForm } from "@/components/doctors/doctor-search-form";
import { database } from "@/db/client";
import { doctorSearchFilters, searchPageParam } from "@/lib/directory/doctor-search";
import { publicReads } from "@/lib/public-cache/public-reads";
import { messages } from "@/lib/i18n/messages";

const t = messages.directory.search;

// Filters are shareable links, but they are views of one page: search engines index the page once.
export const metadata: Metadata = { title: t.title, alternates: { canonical: "/doctors" } };

export default async function DoctorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const filters = doctorSearchFilters.parse(params);
  const found = await publicReads(database()).search(filters, searchPageParam.parse(params.page) ?? 1);
  return (
    <div className="stack">
      <section>
        <h1>{t.title}</h1>
        <p className="muted">{t.lead}</p>
      </section>
      <DoctorSearchForm filters={filters} facets={found.facets} />
      <DoctorResults found={found} filters={filters} />
    </div>
  );
}
