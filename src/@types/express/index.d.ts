import type { Role } from '../../domain/codes'

declare global {
  namespace Express {
    /** Only what the session needs: the id is stored; the rest is reloaded on every request. */
    interface User {
      id: string
      name: string
      email: string
      roles: Role[]
    }

    interface Locals {
      cspNonce: string
      csrfToken?: string
      user?: User
      currentPath: string
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    returnTo?: string
    flash?: { type: 'success' | 'information'; title?: string; text: string }[]
    /** A notification being written: kept until saved, so leaving the page loses nothing. */
    notificationDraft?: { raw: Record<string, string | string[]> }
    lastNotifiedCaseId?: string
    /** The case list's search words: held here so names and NHS numbers never appear in a URL. */
    caseSearch?: string
  }
}

export {}
