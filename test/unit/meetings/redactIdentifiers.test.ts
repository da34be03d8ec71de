import {
  CaseIdentifiers,
  identifiersIn,
  redactIdentifiers,
  redactorFor,
} from '../../../src/services/meetings/redactIdentifiers'

const child: CaseIdentifiers = {
  givenNames: 'Marigold Jane',
  familyName: 'Featherstonehaugh-Quill',
  nhsNumber: '9434765919',
  postcode: 'LS1 4AP',
  dateOfBirth: '2024-02-04',
}

const redact = (text: string, ids: CaseIdentifiers = child) => redactIdentifiers(text, ids)

describe('redactIdentifiers', () => {
  it.each([
    ['Marigold was seen by the GP', '[redacted] was seen by the GP'],
    ['MARIGOLD JANE FEATHERSTONEHAUGH-QUILL', '[redacted]'],
    ['marigold jane', '[redacted]'],
    ['Mrs Featherstonehaugh-Quill called', 'Mrs [redacted] called'],
    ['Mrs Featherstonehaugh Quill called', 'Mrs [redacted] called'],
    ['the Quill family', 'the [redacted] family'],
    ["Jane's mother", "[redacted]'s mother"],
    ['Seen with Marigold, Jane and Quill.', 'Seen with [redacted], [redacted] and [redacted].'],
  ])('takes names out: %j', (text, expected) => {
    expect(redact(text)).toBe(expected)
  })

  it('leaves words that only contain a name alone', () => {
    expect(redact('Janet and Quillfeather were there; Marigolds grew')).toBe(
      'Janet and Quillfeather were there; Marigolds grew',
    )
  })

  it.each([
    ['NHS number 9434765919.', 'NHS number [redacted].'],
    ['NHS number 943 476 5919', 'NHS number [redacted]'],
    ['NHS no: 943-476-5919', 'NHS no: [redacted]'],
    ['943  476  5919', '[redacted]'],
    ['9 4 3 4 7 6 5 9 1 9', '[redacted]'],
  ])('takes the NHS number out however it is spaced: %j', (text, expected) => {
    expect(redact(text)).toBe(expected)
  })

  it('leaves longer numbers that contain the NHS number', () => {
    expect(redact('Reference 194347659190')).toBe('Reference 194347659190')
  })

  it.each([
    ['Lives at LS1 4AP', 'Lives at [redacted]'],
    ['lives at ls14ap.', 'lives at [redacted].'],
    ['postcode LS1  4AP', 'postcode [redacted]'],
  ])('takes the postcode out: %j', (text, expected) => {
    expect(redact(text)).toBe(expected)
  })

  it.each([
    'Born 2024-02-04.',
    'Born 04/02/2024.',
    'Born 4/2/2024.',
    'Born 04-02-2024.',
    'Born 04.02.2024.',
    'Born 4/2/24.',
    'Born 4 February 2024.',
    'Born 4th February 2024.',
    'Born 4th of February 2024.',
    'Born 4 Feb 2024.',
    'Born 04 FEB. 2024.',
    'Born February 4, 2024.',
    'Born Feb 4th 2024.',
    'Born 2024/02/04.',
    'Born 20240204.',
  ])('takes the date of birth out: %j', text => {
    expect(redact(text)).toBe('Born [redacted].')
  })

  it('leaves other dates, including the date of death, alone', () => {
    const text = 'Died 3 November 2025 (03/11/2025); seen 14/02/2024 and 4 March 2024.'
    expect(redact(text)).toBe(text)
  })

  it('takes out other names it is given, such as report authors, but not their titles', () => {
    expect(redact('Report by Dr Priya Okonkwo', { ...child, otherNames: ['Priya Okonkwo'] })).toBe(
      'Report by Dr [redacted]',
    )
    expect(redact('Dr Okonkwo and Dr Who', { ...child, otherNames: ['Dr Priya Okonkwo'] })).toBe(
      'Dr [redacted] and Dr Who',
    )
  })

  it('copes with a case that has no identifiers recorded, and with names full of regex characters', () => {
    expect(redact('Nothing to hide', {})).toBe('Nothing to hide')
    expect(redact('Seen: Jay (J.R.) and [Jay]+ today', { givenNames: 'J.R. (Jay)*' })).toBe(
      'Seen: [redacted] (J.R.) and [[redacted]]+ today',
    )
  })

  it('handles names in any alphabet and apostrophes', () => {
    expect(redact("Zoë O'Brien and Zoë O’Brien", { givenNames: 'Zoë', familyName: "O'Brien" })).toBe(
      '[redacted] and [redacted]',
    )
  })

  it('gives a reusable redactor for one case', () => {
    const r = redactorFor(child)
    expect(['Marigold', 'LS1 4AP', 'fine'].map(r)).toEqual(['[redacted]', '[redacted]', 'fine'])
  })

  it('says which kinds of identifier a text still holds, by the same patterns as the redaction', () => {
    const ids: CaseIdentifiers = {
      ...child,
      otherNames: ['Priya Okonkwo'],
      otherDates: ['2024-05-09'],
      otherTerms: ['CDOP-2024-0007'],
    }
    expect(identifiersIn('Safer sleep advice was not repeated at the six-week check', ids)).toEqual([])
    expect(identifiersIn('Marigold was seen on 4 February 2024', ids)).toEqual(['date_of_birth', 'name'])
    expect(identifiersIn('died 9th May 2024', ids)).toEqual(['other_date'])
    expect(identifiersIn('NHS 943 476 5919', ids)).toEqual(['nhs_number'])
    expect(identifiersIn('lived at ls14ap', ids)).toEqual(['postcode'])
    expect(identifiersIn('see cdop-2024-0007', ids)).toEqual(['term'])
    expect(identifiersIn('Dr Okonkwo said', ids)).toEqual(['name'])
    // A text with none of them is one the redaction leaves alone, and the other way round.
    const clean = 'A leaflet on 4 March 2024 for case CDOP-2024-0008'
    expect(identifiersIn(clean, ids)).toEqual([])
    expect(redactIdentifiers(clean, ids)).toBe(clean)
    expect(redactIdentifiers('see CDOP-2024-0007 on 09/05/2024', ids)).toBe('see [redacted] on [redacted]')
  })
})
