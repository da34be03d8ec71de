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
    /** Signed in with a password, waiting for the second factor: no page of the service opens until then. */
    pendingSignIn?: { userId: string; secondStep: 'verify' | 'enrol'; startedAt: number; returnTo?: string }
    /** A second factor being set up: the new secret, encrypted, until a code from it is typed. */
    secondFactorEnrolment?: { encryptedSecret: string }
  }
}

export {}
