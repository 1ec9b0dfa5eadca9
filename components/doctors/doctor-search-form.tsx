import Link from "next/link";
import type { DirectoryFacets } from "@/lib/directory/doctor-directory";
import { activeFilters, doctorSearchHref, type DoctorSearchFilters } from "@/lib/directory/doctor-search";
import { messages } from "@/lib/i18n/messages";
import { ClientSearchForm } from "./client-search-form";

const t = messages.directory.search;

const FREE_CHOICES = [
  { value: "", label: t.freeAny },
  { value: "today", label: t.freeToday },
  { value: "week", label: t.freeWeek },
] as const;

/** The filters land in the query string, so a search can be shared and survives a reload, and the form works
 * before (or without) JavaScript. */
export function DoctorSearchForm({ filters, facets }: { filters: DoctorSearchFilters; facets: DirectoryFacets }) {
  return (
    // Keyed by the search so that following a "remove filter" link resets fields the patient had changed.
    <ClientSearchForm
      key={doctorSearchHref(filters)}
      action="/doctors"
      role="search"
      aria-label={t.formLabel}
      className="card search-form"
    >
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
      <div className="search-filters">
        <div className="field">
          <label htmlFor="search-specialty">{t.specialtyLabel}</label>
          <select id="search-specialty" name="specialty" className="input" defaultValue={filters.specialty ?? ""}>
            <option value="">{t.anySpecialty}</option>
            {facets.specialties.map((specialty) => (
              <option key={specialty.id} value={specialty.id}>
                {specialty.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="search-clinic">{t.clinicLabel}</label>
          <select id="search-clinic" name="clinic" className="input" defaultValue={filters.clinic ?? ""}>
            <option value="">{t.anyClinic}</option>
            {facets.clinics.map((clinic) => (
              <option key={clinic.id} value={clinic.id}>
                {clinic.name}
              </option>
            ))}
          </select>
        </div>
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
