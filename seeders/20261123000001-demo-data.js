'use strict'

/**
 * Demo data for `npm run db:seed:demo` (src/cli/commands/dbSeedDemo.ts): one account per role and a
 * few hundred cases over several financial years and in every status, so a newcomer can explore at once.
 *
 * EVERYTHING HERE IS FICTIONAL. No child, family, professional, organisation or place is real: the
 * names are invented, the NHS numbers are in the 999 range kept for testing, the postcode areas
 * (NH, EB, WM, RV, FH, SV) do not exist, the telephone numbers are in Ofcom's range for drama
 * (01632 960xxx) and the email domains end in .example. Never load it into a live service; the
 * command refuses to run in production.
 *
 * No password is written here. The command makes up a password for each account, prints it, and
 * hands this file only the argon2id hashes, as the third argument of up(). sequelize-cli calls up()
 * with two, so `sequelize-cli db:seed` stops with a message rather than create accounts nobody can
 * sign in to.
 *
 * Running it again resets the demo passwords and adds no cases: the demo cases are the ones the demo
 * coordinator created, and if there are any the cases are left alone.
 *
 * The cases come from a seeded generator (mulberry32), so the same day always gives the same cases.
 * Dates are placed relative to today so that open cases are always recent.
 */

const crypto = require('node:crypto')

const DEMO_USERS = [
  { email: 'admin@demo.example', name: 'Demo Admin', roles: ['admin'] },
  { email: 'coordinator@demo.example', name: 'Demo Coordinator', roles: ['coordinator'] },
  { email: 'panel@demo.example', name: 'Demo Panel Member', roles: ['panel_member'] },
  { email: 'panel2@demo.example', name: 'Demo Panel Member Two', roles: ['panel_member'] },
  { email: 'analyst@demo.example', name: 'Demo Public Health Analyst', roles: ['public_health'] },
]
// The demo cases are the ones this account created: how a second run knows they are there already.
const DEMO_COORDINATOR = 'coordinator@demo.example'

const DEMO_CASE_COUNT = 300
const SEED = 20190401
// Deaths from the start of financial year 2019-20 up to today.
const FIRST_DEATH_DATE = '2019-04-01'
// How many cases end in each status other than reviewed (the rest are reviewed). Fixed counts, not
// chance, so that every status is always there to look at.
const OPEN_AND_CLOSED_COUNTS = {
  notified: 10,
  information_gathering: 34,
  ready_for_panel: 14,
  scheduled: 10,
  on_hold: 16,
  transferred_out: 10,
  out_of_scope: 6,
}
// A few imported reviews from before April 2010, when panels recorded preventability, not modifiable factors.
const LEGACY_COUNT = 3
// Serialises two seeding runs so that both cannot find "no demo data yet".
const SEED_LOCK_KEY = 726_001

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: a small, fast 32-bit generator; good enough for demo data and fully reproducible. */
function mulberry32(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function randomTools(seed) {
  const next = mulberry32(seed)
  const int = (min, max) => min + Math.floor(next() * (max - min + 1))
  const chance = p => next() < p
  const pick = list => list[Math.floor(next() * list.length)]
  /** One key of `{ value: weight }`, in proportion to its weight. */
  const weighted = weights => {
    const entries = Object.entries(weights)
    let r = next() * entries.reduce((sum, [, w]) => sum + w, 0)
    for (const [value, w] of entries) {
      r -= w
      if (r < 0) return value
    }
    return entries[entries.length - 1][0]
  }
  const some = (list, p) => list.filter(() => chance(p))
  return { int, chance, pick, weighted, some }
}

// ---------------------------------------------------------------------------------------------
// Calendar dates as 'YYYY-MM-DD', with UTC arithmetic so no time zone can shift a day

const DAY_MS = 86_400_000
const dayNumber = iso =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS
const isoOf = n => new Date(n * DAY_MS).toISOString().slice(0, 10)
const addDays = (iso, n) => isoOf(dayNumber(iso) + n)
const daysBetween = (a, b) => dayNumber(b) - dayNumber(a)
const earlier = (a, b) => (a < b ? a : b)
const randomDateBetween = (r, from, to) => addDays(from, r.int(0, Math.max(0, daysBetween(from, to))))

/** The same day `years` years before; 29 February becomes 28 February in other years. */
function yearsBefore(iso, years) {
  const y = Number(iso.slice(0, 4)) - years
  const m = Number(iso.slice(5, 7))
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  const d = m === 2 && !leap ? Math.min(Number(iso.slice(8, 10)), 28) : Number(iso.slice(8, 10))
  return `${String(y).padStart(4, '0')}-${iso.slice(5, 7)}-${String(d).padStart(2, '0')}`
}

/** Today's date in England (the service's "today"), whatever the server's time zone. */
function londonToday(now = new Date()) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now)
  const part = type => parts.find(p => p.type === type).value
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The panel meets on the second Tuesday of each month. */
function panelMeetingIn(iso) {
  const first = `${iso.slice(0, 7)}-01`
  const weekday = new Date(dayNumber(first) * DAY_MS).getUTCDay()
  return addDays(first, ((2 - weekday + 7) % 7) + 7)
}

// ---------------------------------------------------------------------------------------------
// NHS numbers: Modulus 11 (NHS Data Dictionary), kept here so the seeder runs under plain Node too

/** The check digit for nine digits, or null when none exists (those nine digits start no valid number). */
function nhsCheckDigit(firstNine) {
  let sum = 0
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (10 - i)
  const check = 11 - (sum % 11)
  if (check === 11) return 0
  return check === 10 ? null : check
}

/** A valid, unused NHS number in the 999 range, which is never issued to a real person. */
function fictionalNhsNumber(r, used) {
  for (;;) {
    const firstNine = `999${String(r.int(0, 999_999)).padStart(6, '0')}`
    const check = nhsCheckDigit(firstNine)
    const number = `${firstNine}${check}`
    if (check !== null && !used.has(number)) {
      used.add(number)
      return number
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Fictional people, places and organisations

const GIVEN_NAMES = {
  male: [
    'Alfie',
    'Arlo',
    'Ezra',
    'Finley',
    'Harvey',
    'Idris',
    'Jasper',
    'Kofi',
    'Leo',
    'Milo',
    'Noah',
    'Otis',
    'Rafi',
    'Reuben',
    'Sami',
    'Theo',
    'Tobias',
    'Zain',
  ],
  female: [
    'Aisha',
    'Amara',
    'Bea',
    'Clara',
    'Daisy',
    'Esme',
    'Freya',
    'Hana',
    'Isla',
    'Ivy',
    'Lyra',
    'Maya',
    'Nia',
    'Orla',
    'Poppy',
    'Rosa',
    'Wren',
    'Zara',
  ],
  other: ['Alex', 'Charlie', 'Jody', 'Kit', 'Morgan', 'Robin', 'Rowan', 'Sasha'],
}
// Invented surnames, so no demo record matches a real family.
const FAMILY_NAMES = [
  'Applethwaite',
  'Brackenbury',
  'Cobblestone',
  'Dunmorrow',
  'Elderberry',
  'Fenwhistle',
  'Gorsefield',
  'Hollowmere',
  'Inglenook',
  'Juniperlee',
  'Kettleby',
  'Larkspur',
  'Marrowdale',
  'Nettlebed',
  'Oakenshaw',
  'Pebbleworth',
  'Quillfeather',
  'Rushbrook',
  'Sallowmere',
  'Thistlewood',
  'Underhay',
  'Vetchley',
  'Willowbank',
  'Yarrowby',
  'Ashcombe-Vale',
  'Bramblecote',
  'Cinderford-Lee',
  'Dovecote',
  'Emberley',
  'Foxglove',
  'Gladwick',
  'Heronsgate',
  'Ivybridge-Moor',
  'Kestrelow',
  'Lavenham-Ross',
  'Mossop-Hale',
  'Nightjar',
  'Orchardson',
  'Pipistrelle',
  'Reedmace',
]
// Residence: four local authorities of this (fictional) panel, and two elsewhere for non-resident deaths.
const LOCAL_AUTHORITIES = {
  Northshire: { area: 'NH', wards: ['Abbey Mead', 'Castle Fold', 'Millbrook', 'North Quay'] },
  Eastborough: { area: 'EB', wards: ['Eastgate', 'Lowfield', 'St Anselm', 'Tannery'] },
  Westmere: { area: 'WM', wards: ['Mere Park', 'Ropewalk', 'Westcliff'] },
  Riverton: { area: 'RV', wards: ['Bridge End', 'Riverside', 'Weir Hill'] },
}
const RESIDENT_WEIGHTS = { Northshire: 40, Eastborough: 30, Westmere: 18, Riverton: 12 }
const ELSEWHERE = {
  Farholme: { area: 'FH', wards: ['Farholme Central', 'Upper Holme'] },
  Southvale: { area: 'SV', wards: ['Vale Green', 'South Wick'] },
}
const INWARD_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ'

const HOSPITALS = ['Northshire General Hospital (demo)', "Eastborough Children's Hospital (demo)"]
const KEY_WORKERS = [
  'Priya Sandholm (specialist nurse)',
  'Gareth Ottley (specialist nurse)',
  'Mo Adeyemi-Clarke (family liaison)',
  'Ffion Rhoswell (bereavement midwife)',
  'Dana Kirkstall (specialist nurse)',
]
const NOTIFIER_NAMES = [
  'Dr R. Hallowby',
  'Dr S. Okonkwo-Vale',
  'Sister J. Penrose',
  'DC M. Ashgrove',
  'Dr L. Farrowby',
  'N. Quenby',
]

const SEXES = { male: 54, female: 43, indeterminate: 1.5, not_known: 1.5 }
const ETHNICITIES = {
  A: 58,
  B: 1,
  C: 5,
  D: 2,
  E: 1.5,
  F: 2,
  G: 2,
  H: 3,
  J: 6,
  K: 2,
  L: 2,
  M: 1.5,
  N: 4,
  P: 1,
  R: 1,
  S: 2,
  Z: 3,
  not_known: 3,
}
const PLACES = [
  'hospital_emergency_department',
  'hospital_ward',
  'neonatal_unit',
  'intensive_care_unit',
  'hospital_other',
  'home',
  'other_private_residence',
  'foster_home',
  'residential_care',
  'public_place',
  'school',
  'hospice',
  'mental_health_inpatient_unit',
  'abroad',
  'other',
  'not_known',
]
const NHS_MISSING = ['not_yet_available', 'non_resident_in_england', 'other']

// Roughly the national shape: most deaths are of babies under one, most of those in the first four weeks.
const AGE_BANDS = { '0_27d': 40, '28_364d': 22, '1_4y': 12, '5_9y': 7, '10_14y': 8, '15_17y': 11 }
// Chance of an unexpected death by age band; overall about 40%.
const UNEXPECTED = { '0_27d': 0.12, '28_364d': 0.5, '1_4y': 0.45, '5_9y': 0.35, '10_14y': 0.5, '15_17y': 0.75 }
// The likely category of death (data dictionary §7) by age band, expected or not.
const CAUSES = {
  '0_27d': {
    expected: { 8: 55, 7: 35, 9: 5, 5: 3, 6: 2 },
    unexpected: { 8: 30, 10: 20, 9: 15, 3: 10, 7: 10, 5: 10, 1: 5 },
  },
  '28_364d': {
    expected: { 7: 35, 6: 20, 8: 20, 9: 10, 5: 10, 4: 5 },
    unexpected: { 10: 45, 9: 20, 5: 10, 3: 10, 1: 8, 7: 7 },
  },
  '1_4y': { expected: { 7: 30, 4: 25, 6: 25, 5: 10, 9: 10 }, unexpected: { 3: 35, 9: 20, 5: 20, 10: 10, 1: 10, 7: 5 } },
  '5_9y': { expected: { 4: 40, 6: 30, 7: 20, 5: 10 }, unexpected: { 3: 45, 5: 25, 9: 15, 1: 10, 10: 5 } },
  '10_14y': { expected: { 4: 40, 6: 35, 7: 15, 5: 10 }, unexpected: { 3: 35, 2: 30, 5: 20, 1: 10, 9: 5 } },
  '15_17y': { expected: { 4: 40, 6: 40, 7: 10, 5: 10 }, unexpected: { 2: 35, 3: 40, 1: 10, 5: 10, 9: 5 } },
}
const PLACES_BY_CAUSE = {
  1: {
    hospital_emergency_department: 35,
    home: 35,
    intensive_care_unit: 20,
    foster_home: 5,
    other_private_residence: 5,
  },
  2: { home: 40, public_place: 30, mental_health_inpatient_unit: 10, hospital_emergency_department: 10, other: 10 },
  3: { public_place: 35, hospital_emergency_department: 30, intensive_care_unit: 15, home: 10, abroad: 5, other: 5 },
  4: { hospice: 40, home: 30, hospital_ward: 20, intensive_care_unit: 10 },
  5: { intensive_care_unit: 35, hospital_emergency_department: 30, hospital_ward: 20, home: 10, school: 5 },
  6: { hospital_ward: 30, intensive_care_unit: 20, home: 25, hospice: 15, residential_care: 5, hospital_other: 5 },
  7: { neonatal_unit: 25, intensive_care_unit: 25, hospice: 15, hospital_ward: 20, home: 15 },
  8: { neonatal_unit: 70, hospital_ward: 15, intensive_care_unit: 10, home: 5 },
  9: { intensive_care_unit: 40, hospital_ward: 20, hospital_emergency_department: 25, home: 10, hospital_other: 5 },
  10: { hospital_emergency_department: 55, home: 35, other_private_residence: 10 },
}
const CIRCUMSTANCES = {
  1: [
    'Brought to the emergency department with injuries not consistent with the account given.',
    'Collapsed at home; injuries found that raised safeguarding concerns.',
  ],
  2: [
    'Found unresponsive at home; concerns about low mood had been raised at school.',
    'Died after an act of self-harm; known to the mental health team.',
  ],
  3: [
    'Pedestrian struck by a car near home.',
    'Drowned in a garden pond during a family gathering.',
    'Head injury after a fall from a height.',
  ],
  4: [
    'Died in the hospice after relapse of leukaemia.',
    'Brain tumour diagnosed the year before; palliative care at home.',
  ],
  5: [
    'Acute severe asthma; collapsed at home and could not be resuscitated.',
    'Diabetic ketoacidosis; deteriorated quickly on the ward.',
  ],
  6: [
    'Long-standing liver disease; deteriorated over several weeks.',
    'Severe cerebral palsy after an infection in infancy; died after a chest infection.',
  ],
  7: [
    'Complex congenital heart disease diagnosed before birth.',
    'Genetic condition diagnosed in infancy; care plan agreed with the family.',
  ],
  8: [
    "Born at 24 weeks' gestation; died on the neonatal unit.",
    'Severe hypoxic-ischaemic encephalopathy after a difficult delivery.',
  ],
  9: [
    'Meningococcal sepsis; rapid deterioration over twelve hours.',
    'Pneumonia with sepsis; transferred to intensive care.',
  ],
  10: [
    'Found unresponsive in the morning after being put to bed well.',
    'Found unresponsive after co-sleeping on a sofa.',
  ],
}
const STILLBIRTH_CIRCUMSTANCES = 'Baby born at home without a midwife present; no signs of life at birth.'
const FAMILY_QUESTIONS = [
  'Why did the ambulance take so long to arrive?',
  'Could the illness have been picked up at the GP appointment the week before?',
  'Will the family be told what the post-mortem found?',
  'Was the hospital right to send the child home the day before?',
]
const HOLD = {
  coroner: 'Awaiting the inquest',
  police_investigation: 'Police investigation continuing',
  safeguarding_practice_review: 'Awaiting the child safeguarding practice review',
  other: 'Awaiting a specialist report from another area',
}

// ---------------------------------------------------------------------------------------------
// Cases

/** The child's date of birth for a death at `dateOfDeath` in an age band (always under 18). */
function dateOfBirthFor(r, band, dateOfDeath) {
  if (band === '0_27d')
    return addDays(dateOfDeath, -Number(r.weighted({ 0: 35, 1: 15, 3: 12, 5: 8, 9: 10, 16: 10, 24: 10 })))
  if (band === '28_364d') return addDays(dateOfDeath, -(28 + Math.floor((r.int(0, 1000) ** 1.5 / 1000 ** 1.5) * 336)))
  const [low, high] = { '1_4y': [1, 4], '5_9y': [5, 9], '10_14y': [10, 14], '15_17y': [15, 17] }[band]
  // Under 364 more days keeps the completed years, so a 17-year-old is always under 18.
  return addDays(yearsBefore(dateOfDeath, r.int(low, high)), -r.int(0, 363))
}

function fictionalPostcode(r, area) {
  return `${area}${r.int(1, 19)} ${r.int(0, 9)}${r.pick(INWARD_LETTERS)}${r.pick(INWARD_LETTERS)}`
}

function notifierFor(r, place, unexpected) {
  const hospital = r.pick(HOSPITALS)
  const byPlace = {
    neonatal_unit: ['Consultant neonatologist', hospital],
    intensive_care_unit: ['Consultant in paediatric intensive care', hospital],
    hospital_emergency_department: ['Emergency department consultant', hospital],
    hospital_ward: ['Ward sister', hospital],
    hospital_other: ['Consultant paediatrician', hospital],
    hospice: ['Hospice nurse', "Riverton Children's Hospice (demo)"],
    mental_health_inpatient_unit: ['Consultant psychiatrist', 'Northshire Mental Health Trust (demo)'],
  }
  const [role, organisation] =
    byPlace[place] ??
    r.pick(
      unexpected
        ? [
            ['Detective constable', 'Northshire Police (demo)'],
            ['Paramedic', 'Shires Ambulance Service (demo)'],
          ]
        : [
            ['GP', 'Millbrook Medical Practice (demo)'],
            ["Community children's nurse", 'Northshire Community Health (demo)'],
          ],
    )
  return {
    notifier_name: r.pick(NOTIFIER_NAMES),
    notifier_role: role,
    notifier_organisation: organisation,
    notifier_contact: `01632 960${String(r.int(0, 999)).padStart(3, '0')}`,
  }
}

/** The statuses a case went through to reach `status`, with the reason for each step where one is due. */
function historyFor(r, status, clinical) {
  const steps = [{ to: 'notified', reason: 'Death notified' }]
  const step = (to, reasonCode = null, reason = null) => steps.push({ to, reasonCode, reason })
  const hold = () => {
    const reasonCode = r.weighted(
      clinical.unexpected
        ? { coroner: 45, police_investigation: 25, safeguarding_practice_review: 15, other: 15 }
        : { coroner: 30, other: 70 },
    )
    step('on_hold', reasonCode, HOLD[reasonCode])
    return reasonCode
  }
  let holdReason = null
  if (status === 'transferred_out' || status === 'out_of_scope') {
    if (r.chance(0.5)) step('information_gathering')
    if (status === 'transferred_out')
      step(
        'transferred_out',
        null,
        `Child normally resident in ${clinical.localAuthority}; transferred to the ${clinical.localAuthority} panel`,
      )
    else
      step(
        'out_of_scope',
        null,
        'Unattended stillbirth: the joint agency response is complete and no child death review is needed',
      )
    return { steps, holdReason }
  }
  if (status === 'notified') return { steps, holdReason }
  step('information_gathering')
  if (status === 'information_gathering') {
    if (clinical.unexpected && r.chance(0.15)) {
      holdReason = hold()
      step('information_gathering')
    }
    return { steps, holdReason }
  }
  if (status === 'on_hold') {
    if (r.chance(0.3)) step('ready_for_panel')
    holdReason = hold()
    return { steps, holdReason }
  }
  if (status === 'reviewed' && r.chance(clinical.unexpected ? 0.3 : 0.05)) {
    holdReason = hold()
    step('information_gathering')
  }
  step('ready_for_panel')
  if (status === 'ready_for_panel') return { steps, holdReason }
  step('scheduled')
  if (status === 'reviewed' && r.chance(0.07)) {
    step('information_gathering', null, 'Panel deferred the review: awaiting the final post-mortem report')
    step('ready_for_panel')
    step('scheduled')
  }
  if (status === 'reviewed') step('reviewed')
  return { steps, holdReason }
}

/** Dates for the steps: the first at notification, the last at `last`, the rest in between. */
function spreadDates(r, count, first, last) {
  if (count === 1) return [first]
  if (count === 2) return [first, last]
  // Information gathering starts within days of notification.
  const second = earlier(addDays(first, r.int(0, 5)), last)
  const middle = Array.from({ length: count - 3 }, () => randomDateBetween(r, second, last)).sort()
  return [first, second, ...middle, last]
}

/** Post-mortems: the rule for unexpected deaths, rare for expected ones; long received by the time of review. */
function postMortemFor(r, { unexpected, status, daysSinceDeath }) {
  if (!unexpected) {
    if (!r.chance(0.1)) return 'not_required'
    return status === 'reviewed' ? 'received' : 'awaited'
  }
  if (status === 'reviewed') return 'received'
  if (daysSinceDeath < 14) return 'required'
  return r.chance(0.6) ? 'awaited' : 'received'
}

/** One fictional case that ends in `status`, as column values (ids, references and people are added on insert). */
function planCase(r, status, today, usedNhs) {
  const lastDay = addDays(today, -1)
  const span = daysBetween(FIRST_DEATH_DATE, lastDay)
  const stillbirth = status === 'out_of_scope'

  // When the child died: open cases recently, closed ones at any time since April 2019.
  let dateOfDeath
  let reviewDate = null
  const windows = {
    notified: [1, 20],
    information_gathering: [8, 300],
    ready_for_panel: [60, 400],
    scheduled: [90, 420],
    on_hold: [40, 1000],
  }
  if (status === 'reviewed') {
    dateOfDeath = randomDateBetween(r, FIRST_DEATH_DATE, addDays(lastDay, -60))
    // Review durations: about a fifth under 6 months, under half 6 to 12 months, the rest longer.
    const [low, high] = { short: [60, 180], medium: [183, 364], long: [366, 720] }[
      r.weighted({ short: 20, medium: 45, long: 35 })
    ]
    const room = daysBetween(dateOfDeath, lastDay)
    const days = high <= room ? r.int(low, high) : r.int(Math.min(60, room), room)
    const target = addDays(dateOfDeath, days)
    const meeting = panelMeetingIn(target)
    reviewDate = meeting <= lastDay && daysBetween(dateOfDeath, meeting) >= 45 ? meeting : target
  } else if (windows[status]) {
    const [low, high] = windows[status]
    dateOfDeath = addDays(today, -r.int(low, Math.max(low, Math.min(high, span))))
  } else {
    dateOfDeath = addDays(FIRST_DEATH_DATE, r.int(0, span - 2))
  }
  let notifiedAt = earlier(addDays(dateOfDeath, Number(r.weighted({ 0: 45, 1: 30, 2: 12, 3: 6, 5: 4, 9: 3 }))), lastDay)
  if (reviewDate) notifiedAt = earlier(notifiedAt, reviewDate)

  // The child.
  const band = stillbirth ? '0_27d' : r.weighted(AGE_BANDS)
  const dateOfBirth = stillbirth ? dateOfDeath : dateOfBirthFor(r, band, dateOfDeath)
  const unexpected = stillbirth || r.chance(status === 'on_hold' ? 0.7 : UNEXPECTED[band])
  const cause = stillbirth ? null : Number(r.weighted(CAUSES[band][unexpected ? 'unexpected' : 'expected']))
  const sex = stillbirth ? r.weighted({ male: 40, female: 40, not_known: 15, indeterminate: 5 }) : r.weighted(SEXES)
  const ageDays = daysBetween(dateOfBirth, dateOfDeath)
  const baby = stillbirth || (ageDays <= 1 && r.chance(0.4))
  const givenNames = baby ? 'Baby' : r.pick(GIVEN_NAMES[sex === 'male' || sex === 'female' ? sex : 'other'])

  // Where the child lived: non-resident deaths are notified here and usually transferred out.
  const nonResident =
    status === 'transferred_out' || ((status === 'notified' || status === 'information_gathering') && r.chance(0.1))
  const localAuthority = nonResident ? r.pick(Object.keys(ELSEWHERE)) : r.weighted(RESIDENT_WEIGHTS)
  const authority = LOCAL_AUTHORITIES[localAuthority] ?? ELSEWHERE[localAuthority]

  const nhsNumber = r.chance(0.5) ? fictionalNhsNumber(r, usedNhs) : null
  let nhsNumberMissingReason = null
  if (!nhsNumber) {
    if (nonResident && r.chance(0.4)) nhsNumberMissingReason = 'non_resident_in_england'
    else if (daysBetween(notifiedAt, today) < 60) nhsNumberMissingReason = r.chance(0.8) ? 'not_yet_available' : 'other'
    else nhsNumberMissingReason = r.chance(0.6) ? 'other' : 'not_yet_available'
  }
  const placeOfDeath = stillbirth ? 'home' : r.weighted(PLACES_BY_CAUSE[cause])

  const { steps, holdReason } = historyFor(r, status, { unexpected, localAuthority })
  const finalDate = {
    notified: notifiedAt,
    information_gathering:
      steps.length > 2 ? randomDateBetween(r, notifiedAt, lastDay) : earlier(addDays(notifiedAt, r.int(0, 5)), lastDay),
    ready_for_panel: randomDateBetween(
      r,
      addDays(notifiedAt, Math.floor(daysBetween(notifiedAt, lastDay) / 2)),
      lastDay,
    ),
    scheduled: randomDateBetween(r, addDays(notifiedAt, Math.floor(daysBetween(notifiedAt, lastDay) * 0.6)), lastDay),
    on_hold: randomDateBetween(r, earlier(addDays(notifiedAt, 7), lastDay), lastDay),
    transferred_out: earlier(addDays(notifiedAt, r.int(1, 30)), lastDay),
    out_of_scope: earlier(addDays(notifiedAt, r.int(2, 21)), lastDay),
    reviewed: reviewDate,
  }[status]
  const dates = spreadDates(r, steps.length, notifiedAt, finalDate)
  const history = steps.map((s, i) => ({ ...s, on: dates[i] }))

  // Joint agency response, for unexpected deaths that meet a trigger.
  const jarRequired = unexpected && (stillbirth || [1, 2, 3, 10].includes(cause) || r.chance(0.85))
  let jarTriggers = []
  if (jarRequired) {
    if (stillbirth) jarTriggers = ['unattended_stillbirth']
    else if (cause === 1) jarTriggers = ['external_cause', 'suspicion_not_natural']
    else if (cause === 2)
      jarTriggers = [
        'external_cause',
        ...(placeOfDeath === 'mental_health_inpatient_unit' ? ['custody_or_detained'] : []),
      ]
    else if (cause === 3) jarTriggers = ['external_cause', ...(r.chance(0.15) ? ['suspicion_not_natural'] : [])]
    else jarTriggers = ['sudden_no_apparent_cause']
  }
  const infant = band === '0_27d' || band === '28_364d'
  const schoolAge = band !== '0_27d' && band !== '28_364d' && band !== '1_4y'
  const jarAttendees = jarRequired
    ? [
        'police',
        'hospital_paediatrics',
        'childrens_social_care',
        ...r.some(['gp', 'ambulance', 'coroner', 'pathology'], 0.5),
        ...(infant ? r.some(['health_visiting', 'midwifery'], 0.6) : []),
        ...(schoolAge ? r.some(['education', 'school_nursing'], 0.6) : []),
        ...(band === '15_17y' ? r.some(['mental_health', 'youth_justice'], 0.3) : []),
      ]
    : []
  const onHoldCoroner = holdReason === 'coroner'
  const onHoldPolice = holdReason === 'police_investigation'
  const postMortem = postMortemFor(r, { unexpected, status, daysSinceDeath: daysBetween(dateOfDeath, today) })

  // Family contact: most families get the leaflet within days, but a few recent ones are overdue
  // (over 7 days after notification) so the dashboard has families to chase.
  const inScope = status !== 'transferred_out' && status !== 'out_of_scope'
  const leafletPending = status === 'notified' ? r.chance(0.6) : status === 'information_gathering' && r.chance(0.25)
  const familyLeafletSentOn = inScope && !leafletPending ? earlier(addDays(notifiedAt, r.int(0, 6)), lastDay) : null
  const keyWorker = inScope && !(status === 'notified' && r.chance(0.4)) ? r.pick(KEY_WORKERS) : null

  const last = history[history.length - 1]
  return {
    given_names: givenNames,
    family_name: r.pick(FAMILY_NAMES),
    nhs_number: nhsNumber,
    nhs_number_missing_reason: nhsNumberMissingReason,
    date_of_birth: dateOfBirth,
    date_of_death: dateOfDeath,
    time_of_death: r.chance(0.85)
      ? `${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`
      : null,
    sex,
    ethnicity: r.weighted(ETHNICITIES),
    postcode: fictionalPostcode(r, authority.area),
    local_authority: localAuthority,
    ward: r.chance(0.9) ? r.pick(authority.wards) : null,
    resident: !nonResident,
    place_of_death: placeOfDeath,
    expected: unexpected ? 'unexpected' : 'expected',
    suspected_stillbirth_at_home: stillbirth,
    notified_at: notifiedAt,
    ...notifierFor(r, placeOfDeath, unexpected),
    circumstances: `Fictional demo case. ${stillbirth ? STILLBIRTH_CIRCUMSTANCES : r.pick(CIRCUMSTANCES[cause])}`,
    status,
    on_hold_reason: status === 'on_hold' ? last.reasonCode : null,
    status_before_hold: status === 'on_hold' ? history[history.length - 2].to : null,
    review_date: reviewDate,
    category: status === 'reviewed' ? cause : null,
    modifiable_factors:
      status === 'reviewed'
        ? r.weighted({
            identified: { 1: 70, 2: 50, 3: 55, 10: 60 }[cause] ?? 20,
            not_identified: { 1: 25, 2: 45, 3: 40, 10: 35 }[cause] ?? 75,
            inadequate_information: 5,
          })
        : null,
    preventability: null,
    jar_required: jarRequired,
    jar_triggers: jarTriggers,
    jar_date: jarRequired ? earlier(addDays(notifiedAt, r.int(0, 1)), lastDay) : null,
    jar_home_visit: jarRequired ? r.chance(placeOfDeath === 'home' || infant ? 0.75 : 0.4) : null,
    jar_attendees: jarAttendees,
    jar_summary: jarRequired
      ? 'Fictional demo summary: agencies shared what they knew; a home visit was considered; next steps agreed.'
      : null,
    post_mortem: postMortem,
    coroner_involved: onHoldCoroner || (unexpected ? r.chance(0.9) : r.chance(0.05)),
    police_investigation: onHoldPolice || cause === 1 || (unexpected && r.chance({ 2: 0.2, 3: 0.3 }[cause] ?? 0)),
    key_worker: keyWorker,
    family_leaflet_sent_on: familyLeafletSentOn,
    family_questions: inScope && status !== 'notified' && r.chance(0.2) ? r.pick(FAMILY_QUESTIONS) : null,
    imported: false,
    history,
  }
}

/** A review imported from the previous system, before April 2010: preventability, no modifiable factors. */
function planLegacyCase(r, index) {
  const dateOfDeath = randomDateBetween(r, '2008-05-01', '2009-03-31')
  const band = r.weighted({ '0_27d': 50, '28_364d': 30, '1_4y': 20 })
  const sex = r.weighted({ male: 50, female: 50 })
  const reviewDate = randomDateBetween(r, '2009-07-01', '2010-03-16')
  const cause = Number(r.weighted(CAUSES[band].expected))
  return {
    // The previous system's own reference format, kept as imported references are.
    legacy_ref: `NSCDOP/${addDays(dateOfDeath, 1).slice(0, 4)}/${String(101 + index * 17).padStart(4, '0')}`,
    given_names: r.pick(GIVEN_NAMES[sex]),
    family_name: r.pick(FAMILY_NAMES),
    // Imported history may have neither an NHS number nor a reason for its absence.
    nhs_number: null,
    nhs_number_missing_reason: null,
    date_of_birth: dateOfBirthFor(r, band, dateOfDeath),
    date_of_death: dateOfDeath,
    time_of_death: null,
    sex,
    ethnicity: r.weighted(ETHNICITIES),
    postcode: fictionalPostcode(r, 'NH'),
    local_authority: 'Northshire',
    ward: null,
    resident: true,
    place_of_death: r.weighted(PLACES_BY_CAUSE[cause]),
    expected: 'expected',
    suspected_stillbirth_at_home: false,
    notified_at: addDays(dateOfDeath, 1),
    notifier_name: null,
    notifier_role: null,
    notifier_organisation: null,
    notifier_contact: null,
    circumstances: `Fictional demo case, imported from the previous system. ${r.pick(CIRCUMSTANCES[cause])}`,
    status: 'reviewed',
    on_hold_reason: null,
    status_before_hold: null,
    review_date: reviewDate,
    category: cause,
    modifiable_factors: null,
    preventability: r.weighted({
      not_preventable: 60,
      potentially_preventable: 25,
      preventable: 5,
      inadequate_information: 10,
    }),
    jar_required: null,
    jar_triggers: [],
    jar_date: null,
    jar_home_visit: null,
    jar_attendees: [],
    jar_summary: null,
    post_mortem: null,
    coroner_involved: null,
    police_investigation: null,
    key_worker: null,
    family_leaflet_sent_on: null,
    family_questions: null,
    imported: true,
    history: [{ to: 'reviewed', reasonCode: null, reason: 'Imported from the previous case system', on: reviewDate }],
  }
}

/** Gives each missing code to a case whose own value is shared, so every code appears and none vanishes. */
function ensureEveryCode(r, plans, field, codes, eligible) {
  const candidates = plans.filter(p => !p.imported && eligible(p))
  for (const code of codes) {
    const counts = new Map()
    candidates.forEach(p => counts.set(p[field], (counts.get(p[field]) ?? 0) + 1))
    if (counts.has(code)) continue
    const spare = candidates.filter(p => counts.get(p[field]) > 1)
    if (!spare.length) continue
    const chosen = r.pick(spare)
    chosen[field] = code
  }
}

/**
 * The demo cases, as column values plus a `history` of status changes, in no particular order. Pure
 * and deterministic: the same `today` (YYYY-MM-DD, England) and seed give the same cases.
 */
function generateDemoCases({ today = londonToday(), seed = SEED } = {}) {
  const r = randomTools(seed)
  const usedNhs = new Set()
  const plans = []
  const planned = Object.values(OPEN_AND_CLOSED_COUNTS).reduce((a, b) => a + b, 0) + LEGACY_COUNT
  const statuses = Object.entries({ ...OPEN_AND_CLOSED_COUNTS, reviewed: DEMO_CASE_COUNT - planned }).flatMap(
    ([s, n]) => Array.from({ length: n }, () => s),
  )
  for (const status of statuses) plans.push(planCase(r, status, today, usedNhs))
  for (let i = 0; i < LEGACY_COUNT; i += 1) plans.push(planLegacyCase(r, i))

  ensureEveryCode(r, plans, 'sex', Object.keys(SEXES), p => !p.suspected_stillbirth_at_home)
  ensureEveryCode(r, plans, 'ethnicity', Object.keys(ETHNICITIES), () => true)
  ensureEveryCode(r, plans, 'place_of_death', PLACES, p => !p.suspected_stillbirth_at_home)
  ensureEveryCode(r, plans, 'nhs_number_missing_reason', NHS_MISSING, p => p.nhs_number === null)
  return plans
}

// ---------------------------------------------------------------------------------------------
// Database

const formatCaseRef = (year, seq) => `CDOP-${year}-${String(seq).padStart(4, '0')}`

/** A time in the working day for step `index` of a case: later steps are later, even on the same day. */
function stepTime(r, date, index) {
  const minutes = 9 * 60 + index * 17 + r.int(0, 15)
  return new Date(dayNumber(date) * DAY_MS + minutes * 60_000)
}

/**
 * @param {import('sequelize').QueryInterface} queryInterface
 * @param {typeof import('sequelize').Sequelize} Sequelize
 * @param {{ passwordHashes?: Record<string, string>, today?: string }} [options]
 *   passwordHashes: an argon2id hash for each demo email; today: 'YYYY-MM-DD' (defaults to today in England)
 */
async function up(queryInterface, Sequelize, options = {}) {
  const hashes = options.passwordHashes ?? {}
  if (DEMO_USERS.some(u => !hashes[u.email])) {
    throw new Error(
      'The demo seeder needs a password hash for each demo account. Run it with "npm run db:seed:demo", which makes up the passwords and prints them.',
    )
  }
  const today = options.today ?? londonToday()
  const { sequelize } = queryInterface
  const { SELECT } = Sequelize.QueryTypes

  return sequelize.transaction(async transaction => {
    const select = (sql, bind = []) => sequelize.query(sql, { bind, type: SELECT, transaction })
    const run = (sql, bind = []) => sequelize.query(sql, { bind, transaction })
    await run(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`)

    // Accounts: created, or their password reset. Either way the audit log says so, as for any account change.
    const userIds = {}
    let usersCreated = 0
    for (const user of DEMO_USERS) {
      const [existing] = await select('SELECT id FROM users WHERE lower(email) = lower($1)', [user.email])
      let action = 'user_updated'
      if (existing) {
        userIds[user.email] = existing.id
        await run(
          `UPDATE users SET password_hash = $2, name = $3, roles = $4, active = true, version = version + 1, updated_at = now()
           WHERE id = $1`,
          [existing.id, hashes[user.email], user.name, user.roles],
        )
      } else {
        const [created] = await select(
          'INSERT INTO users (email, name, password_hash, roles) VALUES ($1, $2, $3, $4) RETURNING id',
          [user.email, user.name, hashes[user.email], user.roles],
        )
        userIds[user.email] = created.id
        usersCreated += 1
        action = 'user_created'
      }
      const details = existing
        ? { passwordReset: true, source: 'db:seed:demo' }
        : { roles: user.roles, source: 'db:seed:demo' }
      await run("INSERT INTO audit_events (action, entity_type, entity_id, details) VALUES ($1, 'user', $2, $3)", [
        action,
        userIds[user.email],
        JSON.stringify(details),
      ])
    }
    const usersReset = DEMO_USERS.length - usersCreated
    const coordinatorId = userIds[DEMO_COORDINATOR]

    const [{ count: existingCases }] = await select('SELECT count(*)::int AS count FROM cases WHERE created_by = $1', [
      coordinatorId,
    ])
    if (existingCases > 0) return { usersCreated, usersReset, casesCreated: 0, existingCases }

    const r = randomTools(SEED + 1)
    const plans = generateDemoCases({ today }).map((p, order) => ({
      ...p,
      id: crypto.randomUUID(),
      times: p.history.map((h, step) => stepTime(r, h.on, step)),
      order,
    }))

    // References in order of notification, a block per year taken from the counter the service
    // uses, starting after any reference already given, so later notifications carry on from here.
    const byYear = new Map()
    const refs = new Map()
    plans
      .filter(p => !p.imported)
      .sort((a, b) => a.times[0] - b.times[0] || a.order - b.order)
      .forEach(p => {
        const year = Number(p.notified_at.slice(0, 4))
        byYear.set(year, [...(byYear.get(year) ?? []), p])
      })
    for (const [year, list] of byYear) {
      const [{ used }] = await select(
        `SELECT coalesce(max(substring(case_ref from '^CDOP-[0-9]{4}-([0-9]+)$')::int), 0) AS used
         FROM cases WHERE case_ref LIKE $1`,
        [`CDOP-${year}-%`],
      )
      const [{ last }] = await select(
        `INSERT INTO case_ref_counters (year, last_value) VALUES ($1, $2::int + $3::int)
         ON CONFLICT (year) DO UPDATE SET last_value = GREATEST(case_ref_counters.last_value, $2::int) + $3::int
         RETURNING last_value AS last`,
        [year, used, list.length],
      )
      list.forEach((p, i) => refs.set(p.id, formatCaseRef(year, last - list.length + 1 + i)))
    }

    const cases = plans.map(({ history, times, order: _order, legacy_ref: legacyRef, ...columns }) => ({
      ...columns,
      case_ref: refs.get(columns.id) ?? legacyRef,
      created_by: coordinatorId,
      // An imported case arrived now; a notified one was created when it was notified.
      created_at: columns.imported ? new Date() : times[0],
      updated_at: columns.imported ? new Date() : times[times.length - 1],
      version: history.length - 1,
    }))
    const changes = plans.flatMap(p =>
      p.history.map((h, i) => ({
        case_id: p.id,
        from_status: i === 0 ? null : p.history[i - 1].to,
        to_status: h.to,
        reason_code: h.reasonCode ?? null,
        reason: h.reason ?? null,
        changed_by: coordinatorId,
        changed_at: p.times[i],
      })),
    )
    const arrays = {
      jar_triggers: { type: Sequelize.ARRAY(Sequelize.TEXT) },
      jar_attendees: { type: Sequelize.ARRAY(Sequelize.TEXT) },
    }
    for (let i = 0; i < cases.length; i += 100)
      await queryInterface.bulkInsert('cases', cases.slice(i, i + 100), { transaction }, arrays)
    for (let i = 0; i < changes.length; i += 500)
      await queryInterface.bulkInsert('case_status_changes', changes.slice(i, i + 500), { transaction })
    return { usersCreated, usersReset, casesCreated: cases.length, existingCases: 0 }
  })
}

/**
 * Removes the demo cases and accounts. Case references stay used (the counters are left alone: a
 * reference is never given twice). An account the append-only audit log or another record points
 * at cannot be deleted, so it is deactivated instead.
 */
async function down(queryInterface) {
  const emails = DEMO_USERS.map(u => u.email)
  await queryInterface.sequelize.transaction(async transaction => {
    const run = sql => queryInterface.sequelize.query(sql, { bind: [emails], transaction })
    const demoUsers = 'SELECT id FROM users WHERE lower(email) = ANY($1)'
    const demoCases = `SELECT id FROM cases WHERE created_by IN (${demoUsers})`
    // What the demo command added through the services on those cases: agency requests and their
    // e-mails, joint agency response events, and the demo agency leads.
    await run(`DELETE FROM outbox_messages WHERE case_id IN (${demoCases})`)
    await run(`DELETE FROM agency_requests WHERE case_id IN (${demoCases})`)
    await run(`DELETE FROM jar_events WHERE case_id IN (${demoCases})`)
    await queryInterface.sequelize.query("DELETE FROM agency_leads WHERE lead_email LIKE '%@demo.example'", {
      transaction,
    })
    await run(
      `DELETE FROM case_status_changes WHERE case_id IN (SELECT id FROM cases WHERE created_by IN (${demoUsers}))`,
    )
    await run(`DELETE FROM cases WHERE created_by IN (${demoUsers})`)
    await run(`DELETE FROM users u WHERE lower(u.email) = ANY($1)
                 AND NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.actor_user_id = u.id)
                 AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.created_by = u.id)
                 AND NOT EXISTS (SELECT 1 FROM case_status_changes s WHERE s.changed_by = u.id)`)
    await run('UPDATE users SET active = false, version = version + 1, updated_at = now() WHERE lower(email) = ANY($1)')
  })
}

module.exports = { up, down, DEMO_USERS, DEMO_COORDINATOR, DEMO_CASE_COUNT, generateDemoCases, nhsCheckDigit }
