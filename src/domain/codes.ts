/**
 * Every code list of the data dictionary (shared/spec/data-dictionary.md), in its published order.
 * A stored code never changes meaning; a label may be reworded. Forms, validation, the import and
 * the statistics all read from here so the codes cannot drift apart.
 */

export interface CodeItem<C extends string = string> {
  code: C
  label: string
}

/** Builds a typed code list; `as const` tuples keep the codes as literal types. */
function codeList<const T extends readonly (readonly [string, string])[]>(pairs: T) {
  const items = pairs.map(([code, label]) => ({ code, label })) as { code: T[number][0]; label: string }[]
  const codes = items.map(i => i.code)
  const labels = new Map<string, string>(items.map(i => [i.code, i.label]))
  return {
    items,
    codes,
    has: (value: unknown): value is T[number][0] => typeof value === 'string' && labels.has(value),
    label: (code: string | null | undefined): string => (code == null ? '' : (labels.get(code) ?? code)),
  }
}

export type CodeList<C extends string> = {
  items: CodeItem<C>[]
  codes: C[]
  has: (value: unknown) => value is C
  label: (code: string | null | undefined) => string
}

export const sexes = codeList([
  ['male', 'Male'],
  ['female', 'Female'],
  ['indeterminate', 'Indeterminate'],
  ['not_known', 'Not known'],
] as const)
export type Sex = (typeof sexes.codes)[number]

export const ethnicities = codeList([
  ['A', 'White: British'],
  ['B', 'White: Irish'],
  ['C', 'White: Any other White background'],
  ['D', 'Mixed: White and Black Caribbean'],
  ['E', 'Mixed: White and Black African'],
  ['F', 'Mixed: White and Asian'],
  ['G', 'Mixed: Any other mixed background'],
  ['H', 'Asian or Asian British: Indian'],
  ['J', 'Asian or Asian British: Pakistani'],
  ['K', 'Asian or Asian British: Bangladeshi'],
  ['L', 'Asian or Asian British: Any other Asian background'],
  ['M', 'Black or Black British: Caribbean'],
  ['N', 'Black or Black British: African'],
  ['P', 'Black or Black British: Any other Black background'],
  ['R', 'Other ethnic groups: Chinese'],
  ['S', 'Other ethnic groups: Any other ethnic group'],
  ['Z', 'Not stated'],
  ['not_known', 'Not known'],
] as const)
export type Ethnicity = (typeof ethnicities.codes)[number]

export const ethnicityGroups = codeList([
  ['white', 'White'],
  ['mixed', 'Mixed'],
  ['asian', 'Asian or Asian British'],
  ['black', 'Black or Black British'],
  ['other', 'Chinese or other ethnic group'],
  ['not_known', 'Not known'],
] as const)
export type EthnicityGroup = (typeof ethnicityGroups.codes)[number]

/** Publication group of each NHS ethnic category (data dictionary §4). */
export const ethnicityGroupOf: Record<Ethnicity, EthnicityGroup> = {
  A: 'white',
  B: 'white',
  C: 'white',
  D: 'mixed',
  E: 'mixed',
  F: 'mixed',
  G: 'mixed',
  H: 'asian',
  J: 'asian',
  K: 'asian',
  L: 'asian',
  M: 'black',
  N: 'black',
  P: 'black',
  R: 'other',
  S: 'other',
  Z: 'not_known',
  not_known: 'not_known',
}

export const placesOfDeath = codeList([
  ['hospital_emergency_department', 'Hospital emergency department'],
  ['hospital_ward', 'Hospital ward'],
  ['neonatal_unit', 'Neonatal unit'],
  ['intensive_care_unit', 'Intensive care unit'],
  ['hospital_other', 'Hospital, other'],
  ['home', 'Home'],
  ['other_private_residence', 'Other private residence'],
  ['foster_home', 'Foster home'],
  ['residential_care', 'Residential care'],
  ['public_place', 'Public place'],
  ['school', 'School'],
  ['hospice', 'Hospice'],
  ['mental_health_inpatient_unit', 'Mental health inpatient unit'],
  ['abroad', 'Abroad'],
  ['other', 'Other'],
  ['not_known', 'Not known'],
] as const)
export type PlaceOfDeath = (typeof placesOfDeath.codes)[number]

export const expectedness = codeList([
  ['expected', 'Expected'],
  ['unexpected', 'Unexpected'],
] as const)
export type Expected = (typeof expectedness.codes)[number]

export const nhsNumberMissingReasons = codeList([
  ['not_yet_available', 'Not yet available'],
  ['non_resident_in_england', 'Not resident in England'],
  ['other', 'Other reason'],
] as const)
export type NhsNumberMissingReason = (typeof nhsNumberMissingReasons.codes)[number]

export const caseStatuses = codeList([
  ['notified', 'Notified'],
  ['information_gathering', 'Information gathering'],
  ['ready_for_panel', 'Ready for panel'],
  ['scheduled', 'Scheduled for panel'],
  ['reviewed', 'Reviewed'],
  ['on_hold', 'On hold'],
  ['transferred_out', 'Transferred out'],
  ['out_of_scope', 'Out of scope'],
] as const)
export type CaseStatus = (typeof caseStatuses.codes)[number]

export const onHoldReasons = codeList([
  ['coroner', 'Coroner'],
  ['police_investigation', 'Police investigation'],
  ['safeguarding_practice_review', 'Safeguarding practice review'],
  ['other', 'Other'],
] as const)
export type OnHoldReason = (typeof onHoldReasons.codes)[number]

export const jarTriggers = codeList([
  ['external_cause', 'External cause'],
  ['sudden_no_apparent_cause', 'Sudden, with no apparent cause'],
  ['custody_or_detained', 'In custody or detained'],
  ['suspicion_not_natural', 'Suspicion the death was not natural'],
  ['unattended_stillbirth', 'Unattended stillbirth'],
] as const)
export type JarTrigger = (typeof jarTriggers.codes)[number]

export const postMortemStatuses = codeList([
  ['required', 'Required'],
  ['not_required', 'Not required'],
  ['awaited', 'Awaited'],
  ['received', 'Received'],
] as const)
export type PostMortemStatus = (typeof postMortemStatuses.codes)[number]

export const agencies = codeList([
  ['gp', 'GP'],
  ['health_visiting', 'Health visiting'],
  ['school_nursing', 'School nursing'],
  ['midwifery', 'Midwifery'],
  ['hospital_paediatrics', 'Hospital paediatrics'],
  ['neonatal_unit', 'Neonatal unit'],
  ['emergency_department', 'Emergency department'],
  ['ambulance', 'Ambulance service'],
  ['mental_health', 'Mental health'],
  ['police', 'Police'],
  ['childrens_social_care', "Children's social care"],
  ['education', 'Education'],
  ['coroner', 'Coroner'],
  ['pathology', 'Pathology'],
  ['hospice', 'Hospice'],
  ['youth_justice', 'Youth justice'],
  ['housing', 'Housing'],
  ['voluntary_sector', 'Voluntary sector'],
  ['other', 'Other'],
] as const)
export type Agency = (typeof agencies.codes)[number]

export const categories = codeList([
  ['1', 'Deliberately inflicted injury, abuse or neglect'],
  ['2', 'Suicide or deliberate self-inflicted harm'],
  ['3', 'Trauma and other external factors, including medical/surgical complications/error'],
  ['4', 'Malignancy'],
  ['5', 'Acute medical or surgical condition'],
  ['6', 'Chronic medical condition'],
  ['7', 'Chromosomal, genetic and congenital anomalies'],
  ['8', 'Perinatal/neonatal event'],
  ['9', 'Infection'],
  ['10', 'Sudden unexpected, unexplained death'],
] as const)
export type Category = (typeof categories.codes)[number]

/** Guidance shown beside each category when the panel chooses (cdr-background.md §5.3.6). */
export const categoryGuidance: Record<Category, string> = {
  '1': 'Suffocation, shaking injury, knifing, shooting, poisoning and other means of probable or definite homicide. Also deaths from war, terrorism or other mass violence, and severe neglect leading to death.',
  '2': 'Hanging, shooting, self-poisoning with paracetamol, self-asphyxia, solvent, alcohol or drug abuse, or other self-harm. Usually applies to adolescents rather than younger children.',
  '3': 'Isolated head injury, other or multiple trauma, burns, drowning, unintentional self-poisoning in pre-school children, anaphylaxis and other extrinsic factors. Excludes deliberately inflicted injury, abuse or neglect (category 1).',
  '4': 'Solid tumours, leukaemias and lymphomas, and malignant proliferative conditions such as histiocytosis, even if the final event was infection, haemorrhage etc.',
  '5': 'For example Kawasaki disease, acute nephritis, intestinal volvulus, diabetic ketoacidosis, acute asthma, intussusception, appendicitis. Includes sudden unexpected deaths with epilepsy (SUDEP).',
  '6': "For example Crohn's disease, liver disease, immune deficiencies, even if the final event was infection, haemorrhage etc. Includes cerebral palsy with a clear post-perinatal cause.",
  '7': 'Trisomies and other chromosomal disorders, single-gene defects, neurodegenerative disease, cystic fibrosis, and other congenital anomalies including cardiac.',
  '8': 'Death ultimately related to perinatal events, e.g. sequelae of prematurity, antepartum and intrapartum anoxia, bronchopulmonary dysplasia, post-haemorrhagic hydrocephalus, irrespective of age at death. Includes cerebral palsy without evidence of cause, and congenital or early-onset bacterial infection (onset in the first postnatal week).',
  '9': 'Any primary infection (not a complication of the categories above) arising after the first postnatal week, or after discharge of a preterm baby. For example septicaemia, pneumonia, meningitis, HIV.',
  '10': 'Pathological diagnosis is "SIDS" or "unascertained", at any age. Excludes sudden unexpected deaths with epilepsy (category 5).',
}

export const modifiableFactorsOutcomes = codeList([
  ['identified', 'Modifiable factors identified'],
  ['not_identified', 'No modifiable factors identified'],
  ['inadequate_information', 'Inadequate information'],
] as const)
export type ModifiableFactors = (typeof modifiableFactorsOutcomes.codes)[number]

export const preventabilityOutcomes = codeList([
  ['preventable', 'Preventable'],
  ['potentially_preventable', 'Potentially preventable'],
  ['not_preventable', 'Not preventable'],
  ['inadequate_information', 'Inadequate information'],
] as const)
export type Preventability = (typeof preventabilityOutcomes.codes)[number]

export const factorDomains = codeList([
  ['child', 'Factors intrinsic to the child'],
  ['social_environment', 'Social environment, including family and parenting capacity'],
  ['physical_environment', 'Physical environment'],
  ['service_provision', 'Service provision'],
] as const)
export type FactorDomain = (typeof factorDomains.codes)[number]

export const factorGrades = codeList([
  ['0', 'Information not available'],
  ['1', 'Factor identified but unlikely to have contributed to the death'],
  ['2', 'Factor identified that may have contributed to the vulnerability, ill-health or death of the child'],
] as const)
export type FactorGrade = (typeof factorGrades.codes)[number]

export const actionLevels = codeList([
  ['local', 'Local'],
  ['regional', 'Regional'],
  ['national', 'National'],
] as const)
export type ActionLevel = (typeof actionLevels.codes)[number]

export const actionStatuses = codeList([
  ['open', 'Open'],
  ['in_progress', 'In progress'],
  ['complete', 'Complete'],
  ['not_accepted', 'Not accepted'],
] as const)
export type ActionStatus = (typeof actionStatuses.codes)[number]

export const ageBands = codeList([
  ['0_27d', '0 to 27 days'],
  ['28_364d', '28 to 364 days'],
  ['1_4y', '1 to 4 years'],
  ['5_9y', '5 to 9 years'],
  ['10_14y', '10 to 14 years'],
  ['15_17y', '15 to 17 years'],
] as const)
export type AgeBand = (typeof ageBands.codes)[number]

export const sexGroups = codeList([
  ['male', 'Male'],
  ['female', 'Female'],
  ['other', 'Other or not known'],
] as const)
export type SexGroup = (typeof sexGroups.codes)[number]

export const reviewDurations = codeList([
  ['under_6_months', 'Under 6 months'],
  ['6_to_12_months', '6 to 12 months'],
  ['over_12_months', 'Over 12 months'],
] as const)
export type ReviewDuration = (typeof reviewDurations.codes)[number]

export const roles = codeList([
  ['admin', 'Administrator'],
  ['coordinator', 'Coordinator'],
  ['panel_member', 'Panel member'],
  ['public_health', 'Public health analyst'],
] as const)
export type Role = (typeof roles.codes)[number]

/** The capacity a person sits in at a panel meeting; the quorum rule names some of these. */
export const meetingCapacities = codeList([
  ['chair', 'Chair'],
  ['designated_doctor', 'Designated doctor for child deaths'],
  ['paediatrician', 'Paediatrician'],
  ['public_health', 'Public health'],
  ['police', 'Police'],
  ['social_care', "Children's social care"],
  ['education', 'Education'],
  ['nursing', 'Nursing'],
  ['midwifery', 'Midwifery'],
  ['lay_member', 'Lay member'],
  ['coordinator', 'CDOP coordinator'],
  ['other', 'Other'],
] as const)
export type MeetingCapacity = (typeof meetingCapacities.codes)[number]

export const meetingThemes = codeList([
  ['general', 'General'],
  ['neonatal', 'Neonatal'],
  ['unexpected_deaths', 'Unexpected deaths'],
  ['other', 'Other theme'],
] as const)
export type MeetingTheme = (typeof meetingThemes.codes)[number]

/** What happened in a joint agency response, each recorded with its date (jar_events). */
export const jarEventKinds = codeList([
  ['strategy_discussion_initial', 'Initial strategy discussion'],
  ['strategy_discussion_follow_up', 'Follow-up strategy discussion'],
  ['home_visit', 'Joint home or scene visit'],
  ['jar_meeting', 'Joint agency response meeting'],
  ['post_mortem', 'Post-mortem'],
  ['inquest_opened', 'Inquest opened'],
  ['inquest_concluded', 'Inquest concluded'],
] as const)
export type JarEventKind = (typeof jarEventKinds.codes)[number]
