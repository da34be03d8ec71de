import {
  isLeftOut,
  questionLabel,
  reportAnswers,
  reportSectionsFor,
} from '../../../src/services/meetings/reportAnswers'

const shout = (text: string) => text.toUpperCase()

describe('reportAnswers', () => {
  it('turns a report into questions and answers, flattening sections and lists', () => {
    expect(
      reportAnswers(
        {
          known_to_service: true,
          contacts: 3,
          summary: 'seen twice',
          sectionB: { modeOfDeath: 'found collapsed', resuscitation: false },
          concerns: ['housing', 'smoking'],
          visits: [{ date_seen: '2025-01-02', notes: 'well' }],
          empty: '',
          missing: null,
        },
        shout,
      ),
    ).toEqual([
      { question: 'KNOWN TO SERVICE', answer: 'Yes' },
      { question: 'CONTACTS', answer: '3' },
      { question: 'SUMMARY', answer: 'SEEN TWICE' },
      { question: 'SECTION B: MODE OF DEATH', answer: 'FOUND COLLAPSED' },
      { question: 'SECTION B: RESUSCITATION', answer: 'No' },
      { question: 'CONCERNS', answer: 'HOUSING, SMOKING' },
      { question: 'VISITS 1: DATE SEEN', answer: '2025-01-02' },
      { question: 'VISITS 1: NOTES', answer: 'WELL' },
    ])
  })

  it.each([
    'reporter_name',
    'reporterName',
    'contact_email',
    'completed_by',
    'child_name',
    'given_names',
    'date_of_birth',
    'childDateOfBirth',
    'home_address',
    'postcode',
    'nhs_number',
    'telephone',
  ])('leaves out %s whole', key => {
    expect(isLeftOut(key)).toBe(true)
    expect(reportAnswers({ [key]: 'anything', kept: 'yes' }, t => t)).toEqual([{ question: 'Kept', answer: 'yes' }])
  })

  it.each(['summary', 'named_person_involved', 'address_concerns_raised', 'previous_contacts'])('keeps %s', key => {
    expect(isLeftOut(key)).toBe(false)
  })

  it('words keys as questions', () => {
    expect(questionLabel('mode_of_death')).toBe('Mode of death')
    expect(questionLabel('modeOfDeath')).toBe('Mode of death')
    expect(questionLabel('GP-letter')).toBe('Gp letter')
  })

  it('copes with anything that is not a report', () => {
    expect(reportAnswers(null, t => t)).toEqual([])
    expect(reportAnswers('text', t => t)).toEqual([])
    const deep = { a: { b: { c: { d: { e: { f: { g: 'too deep' } } } } } } }
    expect(reportAnswers(deep, t => t)).toEqual([])
  })
})

describe('reportSectionsFor', () => {
  it("words a report made with the service's form by that form, leaving out the reporter", () => {
    const sections = reportSectionsFor(
      {
        formVersion: 1,
        answers: {
          reporter_name: 'Dr Someone',
          reporter_role: 'GP partner',
          reporter_phone: '01632 960000',
          agency_involvement: 'yes',
          mode_of_death: 'witnessed_event',
          circumstances: 'given',
          circumstances_details: 'seen at home',
        },
      },
      shout,
    )
    expect(sections.map(s => s.title)).toEqual([
      'About you and your agency',
      'Summary of the case and the circumstances leading to the death',
    ])
    expect(sections[0].answers).toEqual([{ question: 'AGENCY INVOLVED WITH THE CHILD OR FAMILY', answer: 'YES' }])
    expect(sections[1].answers).toContainEqual({ question: 'MODE OF DEATH', answer: 'WITNESSED EVENT' })
    expect(sections[1].answers).toContainEqual({
      question: "YOUR AGENCY'S INVOLVEMENT AND THE CIRCUMSTANCES LEADING TO THE DEATH",
      answer: 'SEEN AT HOME',
    })
    expect(JSON.stringify(sections)).not.toMatch(/SOMEONE|GP PARTNER|01632/)
  })

  it('reads any other report generically, and nothing from nothing', () => {
    expect(reportSectionsFor({ notes: 'fine' }, shout)).toEqual([
      { title: null, answers: [{ question: 'NOTES', answer: 'FINE' }] },
    ])
    expect(reportSectionsFor(null, shout)).toEqual([])
  })
})
