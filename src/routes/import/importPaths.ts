/** The import's URLs, beside the router that serves them. */
const importPaths = {
  upload: '/cases/import',
  template: '/cases/import/template.csv',
} as const

export default importPaths
