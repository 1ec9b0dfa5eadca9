/** The query parameters of a search (`/doctors?q=…&specialty=…`). Its own file, without database imports, so
 * that proxy.ts (page-cache.ts) keys cached search pages by exactly the filters doctor-search.ts parses. */
export const SEARCH_FILTER_KEYS = ["q", "specialty", "clinic", "free", "chat"] as const;

export type SearchFilterKey = (typeof SEARCH_FILTER_KEYS)[number];

/** The page of the results (1, 2, …): not a filter (no chip removes it), but part of a search's address. */
export const SEARCH_PAGE_PARAM = "page";
