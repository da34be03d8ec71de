/** Every URL of the service in one place; builders take opaque ids, never names or NHS numbers. */
const paths = {
  home: '/',
  signIn: '/sign-in',
  signOut: '/sign-out',
  setup: '/setup',
  setupWithToken: (token: string) => `/setup/${token}`,
  accessibility: '/accessibility',
  cookies: '/cookies',
  privacy: '/privacy',
  cases: {
    list: '/cases',
    search: '/cases/search',
    notify: '/cases/notify',
    notifyCheck: '/cases/notify/check',
    notifyCancel: '/cases/notify/cancel',
    show: (id: string) => `/cases/${id}`,
    edit: (id: string, section: string) => `/cases/${id}/edit/${section}`,
    status: (id: string) => `/cases/${id}/status`,
  },
  admin: {
    users: '/admin/users',
    newUser: '/admin/users/new',
    user: (id: string) => `/admin/users/${id}`,
    userActive: (id: string) => `/admin/users/${id}/active`,
    audit: '/admin/audit',
  },
} as const

export default paths
