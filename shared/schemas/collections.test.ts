import fc from 'fast-check';
import { getValidator } from 'rxdb/plugins/validate-ajv';
import type { JsonSchema, RxJsonSchema } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collections, type CollectionDocument, type CollectionName } from './collections.ts';
import {
  arbEncounter,
  arbImmunization,
  arbPerson,
  sampleEncounter,
  sampleImmunization,
  samplePerson,
  without,
} from './document-arbitraries.test-support.ts';
import { encounter } from './encounter.ts';
import { immunization } from './immunization.ts';
import { derivedPersonFields } from './person-derived-fields.ts';
import { person } from './person.ts';

const COMMON_FIELDS = ['id', 'createdAt', 'updatedAt', 'updatedBy', 'synthetic', 'stamps'];

const cases = [
  {
    name: 'persons',
    zod: person,
    arbitrary: arbPerson,
    sample: samplePerson,
    derived: [...derivedPersonFields],
  },
  { name: 'encounters', zod: encounter, arbitrary: arbEncounter, sample: sampleEncounter, derived: [] },
  {
    name: 'immunizations',
    zod: immunization,
    arbitrary: arbImmunization,
    sample: sampleImmunization,
    derived: [],
  },
] as const;

function ajvAccepts(schema: object, doc: unknown): boolean {
  const errors: unknown = getValidator(schema as RxJsonSchema<unknown>)(doc);
  return Array.isArray(errors) && errors.length === 0;
}

/** The parts of a JSON schema both validators must agree on: object keys, required keys, enums, primitive types. */
function outline(schema: JsonSchema): unknown {
  const type = Array.isArray(schema.type) ? undefined : schema.type;
  if (type === 'object') {
    const properties = schema.properties ?? {};
    return {
      keys: Object.fromEntries(
        Object.keys(properties)
          .sort()
          .map((key) => [key, outline((properties as Record<string, JsonSchema>)[key] ?? {})]),
      ),
      required: [...(schema.required ?? [])].sort(),
    };
  }
  if (type === 'array') {
    const items = schema.items;
    return { array: items === undefined || Array.isArray(items) ? undefined : outline(items as JsonSchema) };
  }
  return { type, enum: schema.enum === undefined ? undefined : [...(schema.enum as unknown[])].sort() };
}

describe.each(cases)('the $name collection', ({ name, zod, arbitrary, sample, derived }) => {
  const definition = collections[name];

  it('is registered under its own name with an id primary key and a migration strategy for every version above 0', () => {
    expect(definition.name).toBe(name);
    const versions = Array.from({ length: definition.schema.version }, (_, index) => String(index + 1));
    expect(Object.keys(definition.migrationStrategies ?? {})).toEqual(versions);
    expect(definition.schema.primaryKey).toBe('id');
    expect(definition.schema.additionalProperties).toBe(false);
  });

  it('has the same fields, required fields, enums and types in the zod validator and the RxDB schema', () => {
    const fromZod = z.toJSONSchema(zod, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    expect(outline(definition.schema as JsonSchema)).toEqual(outline(fromZod));
  });

  it('puts every field in exactly one stamp group, except the common and derived fields', () => {
    const grouped = Object.values(definition.stampGroups).flat();
    expect(new Set(grouped).size).toBe(grouped.length);
    expect([...grouped, ...COMMON_FIELDS, ...derived].sort()).toEqual(
      Object.keys(definition.schema.properties).sort(),
    );
    const stamps = (definition.schema.properties as Record<string, JsonSchema>)['stamps'];
    expect(Object.keys(stamps?.properties ?? {})).toEqual(Object.keys(definition.stampGroups));
  });

  it('keeps indexed fields required and bounded', () => {
    const indexed = (definition.schema.indexes ?? []).flatMap((index) =>
      typeof index === 'string' ? [index] : index,
    );
    const properties = definition.schema.properties as Record<string, JsonSchema>;
    for (const field of indexed) {
      expect(definition.schema.required).toContain(field);
      expect(properties[field]?.type).toBe('string');
      expect(properties[field]?.maxLength).toBeGreaterThan(0);
    }
  });

  it('accepts generated valid documents in both validators, unchanged by the zod one', () => {
    fc.assert(
      fc.property(arbitrary, (doc) => {
        const result = definition.validate(doc);
        if (!result.ok) expect.fail(JSON.stringify(result.errors));
        expect(result.value).toEqual(doc);
        expect(ajvAccepts(definition.schema, doc)).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['an unknown field', (doc: Record<string, unknown>) => ({ ...doc, nickname: 'x' })],
    ['an RxDB-reserved field', (doc: Record<string, unknown>) => ({ ...doc, _deleted: false })],
    ['a missing id', (doc: Record<string, unknown>) => without(doc, 'id')],
    ['a numeric orgUnitId', (doc: Record<string, unknown>) => ({ ...doc, orgUnitId: 70 })],
    ['an id too long for the index', (doc: Record<string, unknown>) => ({ ...doc, id: 'x'.repeat(41) })],
    [
      'a datetime without milliseconds',
      (doc: Record<string, unknown>) => ({ ...doc, createdAt: '2026-03-01T02:00:00Z' }),
    ],
    ['a null optional value', (doc: Record<string, unknown>) => ({ ...doc, synthetic: null })],
    [
      'a malformed stamp',
      (doc: Record<string, unknown>) => ({
        ...doc,
        stamps: { ...(doc['stamps'] as object), [Object.keys(definition.stampGroups)[0] ?? '']: 'yesterday' },
      }),
    ],
    ['a missing stamp group', (doc: Record<string, unknown>) => ({ ...doc, stamps: {} })],
  ])('rejects %s in both validators', (_label, spoil) => {
    const bad = spoil(sample);
    expect(definition.validate(bad).ok).toBe(false);
    expect(ajvAccepts(definition.schema, bad)).toBe(false);
  });
});

describe('collection-specific invalid documents', () => {
  const rejectedByBoth: [CollectionName, string, unknown][] = [
    ['persons', 'a 12-digit health ID', { ...samplePerson, healthId: '010000000004' }],
    ['persons', 'an unknown status', { ...samplePerson, status: 'lost' }],
    [
      'persons',
      'a 4-digit commune code',
      { ...samplePerson, currentAddress: { communeCode: '0070', scheme: 'dvhc-2025' } },
    ],
    ['persons', 'a month-name birth date', { ...samplePerson, dateOfBirth: 'March 1985' }],
    ['persons', 'a search name beyond its index bound', { ...samplePerson, searchName: 'a'.repeat(201) }],
    ['persons', 'a history field the form does not have', { ...samplePerson, history: { hobbies: 'chess' } }],
    ['encounters', 'an unknown kind', { ...sampleEncounter, kind: 'telepathy' }],
    [
      'encounters',
      'a lowercase ICD-10 code pattern',
      { ...sampleEncounter, diagnoses: [{ icd10: 'I1', name: 'x', primary: true }] },
    ],
    [
      'encounters',
      'a temperature typed without the decimal point',
      { ...sampleEncounter, vitals: { temperatureC: 365 } },
    ],
    ['encounters', 'an unknown organ system', { ...sampleEncounter, organSystems: { spleen: 'to' } }],
    ['immunizations', 'dose zero', { ...sampleImmunization, dose: 0 }],
    ['immunizations', 'a fractional dose', { ...sampleImmunization, dose: 1.5 }],
    ['immunizations', 'a pregnancy month of 11', { ...sampleImmunization, pregnancyMonth: 11 }],
  ];

  it.each(rejectedByBoth)('%s: rejects %s in both validators', (name, _label, bad) => {
    const definition = collections[name];
    expect(definition.validate(bad).ok).toBe(false);
    expect(ajvAccepts(definition.schema, bad)).toBe(false);
  });

  it('types each collection document by name', () => {
    const doc: CollectionDocument<'persons'> = samplePerson;
    expect(doc.healthId).toBe(samplePerson.healthId);
  });
});
