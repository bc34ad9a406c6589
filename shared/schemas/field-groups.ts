/**
 * Stamp field groups (the keys of each document's `stamps`) and the top-level fields each group owns. A group's stamp
 * is the HLC of the last write that changed any of its fields; merge policies compare and take groups as a whole.
 * Fields outside every group are set once at creation (`id`, `createdAt`, `synthetic`), maintained by the writer
 * (`updatedAt`, `stamps`) or derived from the groups after a merge (the person's search keys).
 */
export const personFieldGroups = {
  identifiers: [
    'healthId',
    'personalId',
    'legacyId',
    'idIssueDate',
    'idIssuePlace',
    'bhxhNumber',
    'bhytCards',
  ],
  name: ['fullName', 'familyName', 'middleName', 'givenName'],
  demographics: [
    'dateOfBirth',
    'sex',
    'ethnicityCode',
    'nationalityCode',
    'religion',
    'occupationCode',
    'birthRegistrationProvince',
    'bloodGroup',
    'educationLevel',
    'maritalStatus',
    'corrections',
  ],
  addresses: ['permanentAddress', 'currentAddress'],
  contact: ['phones', 'landline', 'email'],
  household: ['household', 'mother', 'father', 'caregiver'],
  history: ['history'],
  status: ['status', 'deathDate', 'mergedInto', 'movedOutTo'],
  management: ['orgUnitId'],
} as const;
export type PersonFieldGroup = keyof typeof personFieldGroups;

/**
 * The person field groups an admin chooses between when merging two duplicate records: every group but
 * `status` and `management`, which the merge itself sets. The server's merge and the console's form share this list.
 */
export const mergeablePersonGroups = [
  'identifiers',
  'name',
  'demographics',
  'addresses',
  'contact',
  'household',
  'history',
] as const satisfies readonly PersonFieldGroup[];
export type MergeablePersonGroup = (typeof mergeablePersonGroups)[number];

/** Encounters: `signature` is the signing act; everything else the clinician records is `clinical`. */
export const encounterFieldGroups = {
  clinical: [
    'personId',
    'orgUnitId',
    'kind',
    'date',
    'history',
    'vitals',
    'visualAcuity',
    'generalExam',
    'organSystems',
    'developmentAssessment',
    'labs',
    'diagnoses',
    'advice',
    'amends',
    'source',
    'hospital',
  ],
  signature: ['status', 'signedAt', 'signer'],
} as const;
export type EncounterFieldGroup = keyof typeof encounterFieldGroups;

/** Immunizations are one record: a correction is a new record that `amends` it, or `status: 'entered-in-error'`. */
export const immunizationFieldGroups = {
  record: [
    'personId',
    'orgUnitId',
    'vaccineCode',
    'dose',
    'date',
    'facility',
    'lot',
    'reaction',
    'nextAppointment',
    'pregnancyMonth',
    'source',
    'amends',
    'status',
    'safetyOverride',
  ],
} as const;
export type ImmunizationFieldGroup = keyof typeof immunizationFieldGroups;

/** The group names of a field-group map, in declaration order. */
export function groupNames<G extends string>(groups: Readonly<Record<G, readonly string[]>>): G[] {
  return Object.keys(groups) as G[];
}
