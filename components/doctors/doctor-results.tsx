import Link from "next/link";
import type { DirectoryFacets, Facet } from "@/lib/directory/doctor-directory";
import {
  doctorSearchHref,
  withoutFilter,
  type DirectorySearch,
  type DoctorSearchFilters,
  type SearchFilterKey,
} from "@/lib/directory/doctor-search";
import { messages } from "@/lib/i18n/messages";
import { DoctorCard } from "./doctor-card";

const t = messages.directory;

function filterLabel(key: SearchFilterKey, filters: DoctorSearchFilters, facets: DirectoryFacets): string {
  const nameOf = (list: Facet[], id?: string) => list.find((facet) => facet.id === id)?.name;
  switch (key) {
    case "q":
      return t.search.filterQuery(filters.q ?? "");
    case "specialty": {
      const name = nameOf(facets.specialties, filters.specialty);
      return name ? t.search.filterSpecialty(name) : t.search.filterUnknown;
    }
    case "clinic": {
      const name = nameOf(facets.clinics, filters.clinic);
      return name ? t.search.filterClinic(name) : t.search.filterUnknown;
    }
    case "free":
      return filters.free === "today" ? t.search.filterFreeToday : t.search.filterFreeWeek;
    case "chat":
      return t.search.filterChat;
  }
}

/** The directory's results; when there are none, which filter to drop and what that would find. */
export function DoctorResults({ found, filters }: { found: DirectorySearch; filters: DoctorSearchFilters }) {
  const { doctors, relaxations, facets } = found;
  return (
    <section aria-labelledby="results-heading" className="stack">
      <div className="results-heading">
        <h2 id="results-heading">{t.doctorsTitle}</h2>
        <p role="status" className="muted">
          {t.search.resultCount(doctors.length)}
        </p>
      </div>
      {doctors.length > 0 ? (
        <div className="grid">
          {doctors.map((doctor) => (
            <DoctorCard key={doctor.id} doctor={doctor} />
          ))}
        </div>
      ) : relaxations.length === 0 ? (
        <p className="card">{t.noDoctors}</p>
      ) : (
        <div className="card stack empty-results">
          <p>
            <strong>{t.search.emptyTitle}</strong>
          </p>
          <p>{relaxations.some(({ count }) => count > 0) ? t.search.emptyHint : t.search.emptyHintNoSingle}</p>
          <ul className="stack">
            {relaxations.map(({ filter, count }) => (
              <li key={filter}>
                <Link href={doctorSearchHref(withoutFilter(filters, filter))}>
                  {t.search.emptyRemove(filterLabel(filter, filters, facets))}
                </Link>{" "}
                <span className="muted">({t.search.emptyWouldShow(count)})</span>
              </li>
            ))}
          </ul>
          {relaxations.length > 1 ? (
            <p>
              <Link href="/doctors">{t.search.clear}</Link>
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
