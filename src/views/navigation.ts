import type { Role } from '../domain/codes'
import paths from '../paths'

interface NavigationItem {
  href: string
  text: string
  roles: Role[]
}

/** The header navigation; each later feature adds its entry here with the roles that may use it. */
const ITEMS: NavigationItem[] = [
  { href: paths.home, text: 'Home', roles: ['admin', 'coordinator', 'panel_member', 'public_health'] },
  { href: paths.cases.list, text: 'Cases', roles: ['coordinator', 'admin'] },
  { href: paths.meetings.list, text: 'Meetings', roles: ['coordinator', 'admin', 'panel_member'] },
  { href: paths.actions.list, text: 'Actions', roles: ['coordinator', 'admin'] },
  { href: '/statistics', text: 'Statistics', roles: ['coordinator', 'admin', 'public_health'] },
  { href: paths.outbox.list, text: 'Outbox', roles: ['coordinator', 'admin'] },
  { href: paths.admin.users, text: 'Accounts', roles: ['admin'] },
  { href: paths.admin.audit, text: 'Audit log', roles: ['admin'] },
  { href: paths.settings.agencyLeads, text: 'Agency leads', roles: ['admin'] },
  { href: paths.settings.localAuthorities, text: 'Local authorities', roles: ['admin'] },
  {
    href: paths.secondFactor.setUp,
    text: 'Second factor',
    roles: ['admin', 'coordinator', 'panel_member', 'public_health'],
  },
]

export function navigationFor(user: Express.User | undefined, currentPath: string) {
  if (!user) return []
  return ITEMS.filter(item => item.roles.some(role => user.roles.includes(role))).map(item => ({
    href: item.href,
    text: item.text,
    active: item.href === paths.home ? currentPath === paths.home : currentPath.startsWith(item.href),
  }))
}
