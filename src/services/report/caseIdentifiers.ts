import { Op, Transaction } from 'sequelize'
import type { Database } from '../../db'
import type { CaseIdentifiers, IdentifierKind } from '../meetings/redactIdentifiers'

/**
 * Everything that identifies a case, for checking text that leaves the service in the annual
 * report: the child's names, NHS number, postcode, dates of birth and death, the case reference,
 * and the names of the people on the record (the notifier, the key worker, the agencies' contacts).
 * The record holds no street address: the postcode stands for it.
 */
export async function caseIdentifiersFor(
  db: Database,
  caseIds: string[],
  transaction?: Transaction,
): Promise<Map<string, CaseIdentifiers>> {
  const found = new Map<string, CaseIdentifiers>()
  if (!caseIds.length) return found
  const [cases, requests] = await Promise.all([
    db.models.Case.findAll({
      where: { id: { [Op.in]: caseIds } },
      attributes: [
        'id',
        'caseRef',
        'givenNames',
        'familyName',
        'nhsNumber',
        'postcode',
        'dateOfBirth',
        'dateOfDeath',
        'notifierName',
        'keyWorker',
      ],
      transaction,
    }),
    db.models.AgencyRequest.findAll({
      where: { caseId: { [Op.in]: caseIds } },
      attributes: ['caseId', 'contactName'],
      transaction,
    }),
  ])
  cases.forEach(c =>
    found.set(c.id, {
      givenNames: c.givenNames,
      familyName: c.familyName,
      nhsNumber: c.nhsNumber,
      postcode: c.postcode,
      dateOfBirth: c.dateOfBirth,
      otherDates: [c.dateOfDeath],
      otherTerms: [c.caseRef],
      otherNames: [c.notifierName, c.keyWorker],
    }),
  )
  requests.forEach(r => found.get(r.caseId)?.otherNames?.push(r.contactName))
  return found
}

const KIND_WORDS: Record<IdentifierKind, string> = {
  name: 'a name from the case (the child’s, the family’s or a professional’s)',
  date_of_birth: 'the child’s date of birth',
  other_date: 'the date of death',
  nhs_number: 'the child’s NHS number',
  postcode: 'the family’s postcode',
  term: 'the case reference',
}

/** "It still contains the child's NHS number and the case reference", without repeating them. */
export function identifierRefusal(kinds: IdentifierKind[]): string {
  const words = kinds.map(kind => KIND_WORDS[kind])
  const list = words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0]
  return `The wording still contains ${list}: reword it so the child and family cannot be identified`
}
