import Link from "next/link";
import type { DirectoryFacets } from "@/lib/directory/doctor-directory";
import { activeFilters, doctorSearchHref, type DoctorSearchFilters } from "@/lib/directory/doctor-search";
import { messages } from "@/lib/i18n/messages";
import { ClientSearchForm } from "./client-search-form";
import { SelectField } from "@/components/ui/select-field";

const t = messages.directory.search;

const FREE_CHOICES = [
  { value: "", label: t.freeAny },
  { value: "today", label: t.freeToday },
  { value: "week", label: t.freeWeek },
] as const;

/** The filters land in the query string, so a search can be shared and survives a reload, and the form works
 * before (or without) JavaScript. */
export function DoctorSearchForm({ filters, facets }: { filters: DoctorSearchFilters; facets: DirectoryFacets }) {
  // The query has its own field, always in view: the count is of what the fold hides.
  const filterCount = activeFilters(filters).filter((key) => key !== "q").length;
  return (
    // Keyed by the search so that following a "remove filter" link resets fields the patient had changed.
    <ClientSearchForm key={doctorSearchHref(filters)} action="/doctors" role="search" aria-label={t.formLabel} className="card search-form">
      <div className="field">
        <label htmlFor="search-q">{t.queryLabel}</label>
        <input
          id="search-q"
          name="q"
          type="search"
          className="input"
          defaultValue={filters.q ?? ""}
          placeholder={t.queryPlaceholder}
          maxLength={100}
          autoComplete="off"
          enterKeyHint="search"
        />
      </div>
      {/* On a phone the filters fold behind one control, so the first doctor is on the first screen; open when
          any is in use. Wider screens always show them (globals.css). A <details>: works without JavaScript. */}
      <details className="search-filters-toggle" open={filterCount > 0 || undefined}>
        <summary>{t.filtersToggle(filterCount)}</summary>
        <div className="search-filters">
          <SelectField
            name="specialty"
            id="search-specialty"
            label={t.specialtyLabel}
            value={filters.specialty}
            anyLabel={t.anySpecialty}
            options={facets.specialties.map((specialty) => [specialty.id, specialty.name] as const)}
          />
          <SelectField
            name="clinic"
            id="search-clinic"
            label={t.clinicLabel}
            value={filters.clinic}
            anyLabel={t.anyClinic}
            options={facets.clinics.map((clinic) => [clinic.id, clinic.name] as const)}
          />
          <fieldset className="choice-group">
            <legend>{t.freeLegend}</legend>
            {FREE_CHOICES.map((choice) => (
              <label key={choice.value} className="choice">
                <input type="radio" name="free" value={choice.value} defaultChecked={(filters.free ?? "") === choice.value} />
                {choice.label}
              </label>
            ))}
          </fieldset>
          <label className="choice choice-standalone">
            <input type="checkbox" name="chat" value="1" defaultChecked={filters.chat} />
            {t.chatOnly}
          </label>
        </div>
      </details>
      <div className="row">
        <button type="submit" className="button">
          {t.submit}
        </button>
        {activeFilters(filters).length > 0 ? (
          <Link href="/doctors" className="button link">
            {t.clear}
          </Link>
        ) : null}
      </div>
    </ClientSearchForm>
  );
}
