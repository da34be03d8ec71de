import ejs from 'ejs'

type Callback = (error: Error | null, html?: string) => void

/**
 * Express's view engine: EJS as `app.set('view engine', 'ejs')` would use it (the views folders and
 * the view cache from the app's settings), except that a template is handed its locals as they are
 * (`unsafePrototypeLocals`) instead of copying every local again on each call. Each include still
 * gets its own copy (EJS makes it), so nothing a template sets leaks into its parent or the next
 * request; what is no longer copied is the object Express builds afresh for this one render.
 */
export function renderView(file: string, data: object, callback: Callback): void {
  const settings = ((data as { settings?: Record<string, unknown> }).settings ?? {}) as Record<string, unknown>
  const views = ([] as string[]).concat(settings.views as string | string[])
  ejs.renderFile(
    file,
    data,
    // unsafePrototypeLocals is in EJS since 3.1.10; its type declarations do not list it yet.
    {
      views,
      // Every include names its template from the views folder (`/components/input`): EJS then
      // joins it to the root, where a relative name cost a file-system check on every include of
      // every render (the largest single item in the pages' CPU profiles).
      root: views[0],
      cache: Boolean(settings['view cache']),
      unsafePrototypeLocals: true,
    } as ejs.Options,
    callback,
  )
}
