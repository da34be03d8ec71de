import { categoryInWords, draftFamilyLetter } from '../../../src/domain/familyLetter'

describe('the letter to the family, drafted from the review', () => {
  const facts = {
    childName: 'Sam',
    reviewDate: '2026-12-10',
    category: 9,
    modifiableFactors: 'identified',
    learningPoints: 'Written safety-netting advice for parents of feverish babies.',
    keyWorker: 'Alex Jones, 01234 567890',
  }

  it('says the review took place, what the panel found in plain words, the learning and who to contact', () => {
    const letter = draftFamilyLetter(facts)
    expect(letter).toContain(
      'the Child Death Overview Panel has now reviewed the death of Sam. The panel met on 10 December 2026.',
    )
    expect(letter).toContain('the main reason for Sam’s death was an infection.')
    expect(letter).toContain('This does not mean that anyone is to blame')
    expect(letter).toContain('Written safety-netting advice for parents of feverish babies.')
    expect(letter).toContain('please contact Alex Jones, 01234 567890, your key worker.')
    // Plain words, not the codes or the panel's labels.
    expect(letter).not.toMatch(/\bcategory\b|\b9\.|identified\b|modifiable/i)
  })

  it('leaves out what the review does not say, and falls back to the coordinator', () => {
    const letter = draftFamilyLetter({
      ...facts,
      category: null,
      modifiableFactors: null,
      learningPoints: ' ',
      keyWorker: null,
      childName: null,
    })
    expect(letter).toContain('reviewed the death of your child')
    expect(letter).not.toContain('main reason')
    expect(letter).not.toContain('What the panel has learned')
    expect(letter).toContain('please contact the Child Death Overview Panel coordinator.')
  })

  it('has plain words for every category', () => {
    for (let code = 1; code <= 10; code += 1) expect(categoryInWords(code)).toEqual(expect.any(String))
    expect(categoryInWords(11)).toBeNull()
    expect(draftFamilyLetter({ ...facts, modifiableFactors: 'not_identified' })).toContain('did not find anything')
  })
})
