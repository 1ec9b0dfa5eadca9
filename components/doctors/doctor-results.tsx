import Link from "next/link";
import type { DirectoryFacets, Facet } from "@/lib/directory/doctor-directory";
import {
  doctorSearchHref,
  doctorSearchPageHref,
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
/** Previous and next page of the results, with where the list stands; `more` instead (the home page): one link
 * to the whole directory. */
function ResultPages({ found, filters, more }: { found: DirectorySearch; filters: DoctorSearchFilters; more?: boolean }) {
  const { page, pageCount, total } = found;
  if (pageCount <= 1) return null;
  if (more)
    return (
      <p>
        <Link href="/doctors" className="button secondary">
          {t.search.allDoctors(total)}
        </Link>
      </p>
    );
  return (
    <nav aria-label={t.search.pagesLabel} className="row result-pages">
      {page > 1 ? (
        <Link href={doctorSearchPageHref(filters, page - 1)} rel="prev" className="button secondary">
          {t.search.previousPage}
        </Link>
      ) : null}
      <span className="muted" aria-current="page">
        {t.search.pageOf(page, pageCount)}
      </span>
      {page < pageCount ? (
        <Link href={doctorSearchPageHref(filters, page + 1)} rel="next" className="button secondary">
          {t.search.nextPage}
        </Link>
      ) : null}
    </nav>
  );
}

export function DoctorResults({ found, filters, more }: { found: DirectorySearch; filters: DoctorSearchFilters; more?: boolean }) {
  const { doctors, relaxations, facets } = found;
  return (
    <section aria-labelledby="results-heading" className="stack">
      <div className="results-heading">
        <h2 id="results-heading">{t.doctorsTitle}</h2>
        <p role="status" className="muted">
          {t.search.resultCount(found.total)}
        </p>
      </div>
      {doctors.length > 0 ? (
        <>
          <div className="grid">
            {doctors.map((doctor) => (
              <DoctorCard key={doctor.id} doctor={doctor} />
            ))}
          </div>
          <ResultPages found={found} filters={filters} more={more} />
        </>
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
