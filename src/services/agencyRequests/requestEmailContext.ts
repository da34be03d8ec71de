import type { Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { AgencyRequest } from '../../db/models'
import type { RequestEmailContext } from './emails'
import { agencyName } from './requestStatus'

/** What every e-mail about a request needs: the case reference and who to contact at the panel. */
export async function requestEmailContext(
  db: Database,
  request: AgencyRequest,
  transaction: Transaction,
): Promise<RequestEmailContext> {
  const [record, requester] = await Promise.all([
    db.models.Case.findByPk(request.caseId, { attributes: ['caseRef'], transaction }),
    request.requestedBy
      ? db.models.User.findByPk(request.requestedBy, { attributes: ['name', 'email', 'active'], transaction })
      : null,
  ])
  return {
    contactName: request.contactName,
    agency: agencyName(request),
    caseRef: record!.caseRef,
    dueDate: request.dueDate,
    // A coordinator who has left is no use as a contact; the e-mail then points to the panel team.
    coordinator: requester?.active ? { name: requester.name, email: requester.email } : null,
  }
}
