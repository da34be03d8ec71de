import { formatGovukDate, type IsoDate } from './dates'

/**
 * The letter to a child's family after the panel's review, drafted in plain words from the review:
 * that the review took place, what the panel found, the learning, and who to contact. Only this
 * child's own review goes in. The coordinator edits the draft before it is sent.
 */

const CATEGORY_WORDS: Record<number, string> = {
  1: 'an injury that was deliberately caused, or abuse or neglect',
  2: 'suicide or deliberate self-harm',
  3: 'an injury or other outside cause, which may include a complication of medical care',
  4: 'cancer',
  5: 'a sudden (acute) illness or condition needing medical or surgical care',
  6: 'a long-term (chronic) illness',
  7: 'a condition present from birth, such as a genetic or chromosomal condition',
  8: 'something that happened around the time of birth or in the first weeks of life',
  9: 'an infection',
  10: 'a sudden death in infancy or childhood that could not be explained',
}

const MODIFIABLE_WORDS: Record<string, string> = {
  identified:
    'The panel found things which, if they were different, might reduce the risk of other children dying in a similar way. This does not mean that anyone is to blame for your child’s death.',
  not_identified:
    'The panel did not find anything which, if it had been different, might have reduced the risk of other children dying in a similar way.',
  inadequate_information:
    'The panel did not have enough information to say whether anything could be changed to reduce the risk to other children.',
}

export interface LetterFacts {
  /** The child's given names, as the family know them. */
  childName: string | null
  reviewDate: IsoDate | null
  category: number | null
  modifiableFactors: string | null
  learningPoints: string | null
  /** The family's named point of contact, if one is recorded. */
  keyWorker: string | null
}

export const categoryInWords = (category: number | null): string | null =>
  category === null ? null : (CATEGORY_WORDS[category] ?? null)

export function draftFamilyLetter(facts: LetterFacts): string {
  const child = facts.childName?.trim() || 'your child'
  const when = facts.reviewDate ? ` on ${formatGovukDate(facts.reviewDate)}` : ''
  const paragraphs = [
    'Dear family,',
    `We are writing to let you know that the Child Death Overview Panel has now reviewed the death of ${child}. The panel met${when}. Every child’s death in England is reviewed in this way, so that we can learn what might help keep other children safe.`,
  ]
  const category = categoryInWords(facts.category)
  if (category) paragraphs.push(`The panel thought that the main reason for ${child}’s death was ${category}.`)
  const modifiable = facts.modifiableFactors ? MODIFIABLE_WORDS[facts.modifiableFactors] : undefined
  if (modifiable) paragraphs.push(modifiable)
  const learning = facts.learningPoints?.trim()
  if (learning) paragraphs.push(`What the panel has learned, and will share so that things can improve:\n${learning}`)
  paragraphs.push(
    facts.keyWorker?.trim()
      ? `If you have any questions about the review, or would like to talk about it, please contact ${facts.keyWorker.trim()}, your key worker.`
      : 'If you have any questions about the review, or would like to talk about it, please contact the Child Death Overview Panel coordinator.',
    'We are very sorry for your loss.',
    'Yours sincerely,\nChild Death Overview Panel',
  )
  return paragraphs.join('\n\n')
}
