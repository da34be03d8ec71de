import { can, type Capability } from '../domain/policy'
import paths from '../paths'

interface NavigationItem {
  href: string
  text: string
  capability: Capability
}

/** The header navigation; each feature adds its entry here with the capability that reaches it. */
const ITEMS: NavigationItem[] = [
  { href: paths.home, text: 'Home', capability: 'useService' },
  { href: paths.cases.list, text: 'Cases', capability: 'viewCases' },
  { href: paths.meetings.list, text: 'Meetings', capability: 'attendMeetings' },
  { href: paths.actions.list, text: 'Actions', capability: 'manageActions' },
  { href: paths.statistics.chooseYear, text: 'Statistics', capability: 'viewPublishedStatistics' },
  { href: paths.outbox.list, text: 'Outbox', capability: 'viewOutbox' },
  { href: paths.admin.users, text: 'Accounts', capability: 'administerAccounts' },
  { href: paths.admin.audit, text: 'Audit log', capability: 'viewAuditLog' },
  { href: paths.settings.agencyLeads, text: 'Agency leads', capability: 'changeSettings' },
  { href: paths.settings.localAuthorities, text: 'Local authorities', capability: 'changeSettings' },
  {
    href: paths.secondFactor.setUp,
    text: 'Second factor',
    capability: 'useService',
  },
]

export function navigationFor(user: Express.User | undefined, currentPath: string) {
  if (!user) return []
  return ITEMS.filter(item => can(user, item.capability)).map(item => ({
    href: item.href,
    text: item.text,
    active: item.href === paths.home ? currentPath === paths.home : currentPath.startsWith(item.href),
  }))
}
