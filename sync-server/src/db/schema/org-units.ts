import { boolean, date, index, pgTable, text } from 'drizzle-orm/pg-core';

/** The org-unit hierarchy (shared/org-units), seeded from the shipped units on first start. */
export const orgUnits = pgTable(
  'org_units',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    parentId: text('parent_id'),
    facilityCode: text('facility_code'),
    communeCode: text('commune_code'),
    communeScheme: text('commune_scheme'),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    illustrative: boolean('illustrative').notNull().default(false),
  },
  (t) => [index('org_units_parent_idx').on(t.parentId)],
);
