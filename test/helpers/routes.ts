import type { Application } from 'express'

export interface RegisteredRoute {
  method: string
  path: string
}

interface Layer {
  route?: { path: string | string[]; methods: Record<string, boolean> }
  handle?: { stack?: Layer[] }
  rawPath?: unknown
}

/**
 * Every route the app registers, read from the router as Express 5 (router 2) keeps it:
 * `app.router.stack` holds layers; a layer with `route` is an endpoint (`route.path`,
 * `route.methods`), a layer whose handle has a `stack` is a mounted router (its own layers, under
 * the layer's `rawPath` when that is not '/').
 */
export function registeredRoutes(app: Application): RegisteredRoute[] {
  const found: RegisteredRoute[] = []
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path)
        for (const method of Object.keys(layer.route.methods).filter(m => m !== '_all')) {
          paths.forEach(path => found.push({ method: method.toUpperCase(), path: `${prefix}${path}` }))
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : ''
        walk(layer.handle.stack, `${prefix}${mount}`)
      }
    }
  }
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '')
  const seen = new Set<string>()
  return found.filter(r => {
    const key = `${r.method} ${r.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
