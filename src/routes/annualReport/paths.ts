/** The annual report's working pages; every builder takes a year or an opaque id, never a name. */
export const annualReportPaths = {
  learning: (year: string) => `/statistics/annual-report/learning?year=${encodeURIComponent(year)}`,
  curate: (sourceType: string, sourceId: string) =>
    `/statistics/annual-report/learning/${encodeURIComponent(sourceType)}/${encodeURIComponent(sourceId)}`,
  actions: (year: string) => `/statistics/annual-report/actions?year=${encodeURIComponent(year)}`,
  dataQuality: (year: string) => `/statistics/data-quality?year=${encodeURIComponent(year)}`,
}
