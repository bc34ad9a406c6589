import { deepEqual } from './deep-equal.ts';
import { mergeDecision, type GroupValue, type MergeDecision, type MergeRule } from './merge-decision.ts';
import { groupChange, laterStamp, newerSide, pickGroup, resolveGroup } from './three-way-merge.ts';
import type { GroupResolution, GroupSides } from './three-way-merge.ts';

/**
 * A person's identifiers, each with the fields that describe it and travel with it: the CCCD's issue date and place
 * belong to the CCCD that is kept. The first field is the identifier itself; the unit is empty when it is blank.
 */
export const PERSON_IDENTIFIER_UNITS = [
  ['healthId'],
  ['personalId', 'idIssueDate', 'idIssuePlace'],
  ['legacyId'],
  ['bhxhNumber'],
] as const;

/** The array of BHYT card rows; each row, keyed by its code and start date, is an identifier of its own. */
export const BHYT_CARDS_FIELD = 'bhytCards';

type Unit = { readonly field: string; readonly fields: readonly string[]; readonly identifier: boolean };
type UnitSides = {
  readonly base: GroupValue | undefined;
  readonly ours: GroupValue;
  readonly theirs: GroupValue;
};
type UnitResolution = { readonly value: GroupValue; readonly decisions: readonly MergeDecision[] };

/**
 * The merge policy of the person `identifiers` group. A one-sided change is applied whole, and every identifier it
 * removed is recorded as `identifier-cleared` (a deliberate correction). Concurrent changes are merged identifier by
 * identifier: an identifier is never replaced by an empty one (`identifier-kept-over-empty`), two different values
 * go to the newer stamp, and cards added on either side are all kept (the master's order first).
 */
export function resolvePersonIdentifiers(sides: GroupSides): GroupResolution {
  const change = groupChange(sides);
  if (change === 'none') return resolveGroup(sides);
  const units = unitsOf(sides);
  if (change === 'theirs-only' || change === 'ours-only') {
    const resolution = resolveGroup(sides);
    const [before, after] = change === 'ours-only' ? [sides.theirs, sides.ours] : [sides.ours, sides.theirs];
    return {
      ...resolution,
      decisions: [...resolution.decisions, ...clearedIdentifiers(sides.group, units, before, after)],
    };
  }
  const decisions: MergeDecision[] = [];
  const value: Record<string, unknown> = {};
  for (const unit of units) {
    const resolved = resolveUnit(sides, unit, {
      base: sides.base === undefined ? undefined : pickGroup(sides.base, unit.fields),
      ours: pickGroup(sides.ours, unit.fields),
      theirs: pickGroup(sides.theirs, unit.fields),
    });
    Object.assign(value, resolved.value);
    decisions.push(...resolved.decisions);
  }
  if (hasCards(sides)) {
    const cards = resolveCards(sides);
    value[BHYT_CARDS_FIELD] = cards.value;
    decisions.push(...cards.decisions);
  }
  return { value, stamp: laterStamp(sides.oursStamp, sides.theirsStamp), decisions };
}

/** The scalar identifier units, then every other field of the group as a plain unit of its own. */
function unitsOf(sides: GroupSides): Unit[] {
  const identifierUnits: Unit[] = PERSON_IDENTIFIER_UNITS.map((fields) => ({
    field: fields[0],
    fields,
    identifier: true,
  }));
  const covered = new Set<string>([...PERSON_IDENTIFIER_UNITS.flat(), BHYT_CARDS_FIELD]);
  const others = [...new Set([...Object.keys(sides.ours), ...Object.keys(sides.theirs)])]
    .filter((field) => !covered.has(field))
    .sort();
  return [...identifierUnits, ...others.map((field) => ({ field, fields: [field], identifier: false }))];
}

function isEmptyUnit(unit: GroupValue, field: string): boolean {
  const value = unit[field];
  return value === undefined || value === '';
}

function resolveUnit(sides: GroupSides, unit: Unit, values: UnitSides): UnitResolution {
  const { group } = sides;
  const { base, ours, theirs } = values;
  const { field } = unit;
  if (deepEqual(ours, theirs)) return { value: theirs, decisions: [] };
  const oneSided = (kept: GroupValue, discarded: GroupValue, rule: MergeRule): UnitResolution => {
    const cleared = unit.identifier && isEmptyUnit(kept, field) && !isEmptyUnit(discarded, field);
    const finalRule = cleared ? 'identifier-cleared' : rule;
    return { value: kept, decisions: [mergeDecision({ group, field, rule: finalRule, kept, discarded })] };
  };
  if (base !== undefined && deepEqual(ours, base)) return oneSided(theirs, ours, 'took-theirs');
  if (base !== undefined && deepEqual(theirs, base)) return oneSided(ours, theirs, 'took-ours');
  if (unit.identifier && isEmptyUnit(ours, field) !== isEmptyUnit(theirs, field)) {
    const [kept, discarded] = isEmptyUnit(ours, field) ? [theirs, ours] : [ours, theirs];
    return {
      value: kept,
      decisions: [
        mergeDecision({
          group,
          field,
          rule: 'identifier-kept-over-empty',
          kept,
          discarded: Object.keys(discarded).length === 0 ? undefined : discarded,
        }),
      ],
    };
  }
  const [kept, discarded] = newerSide(sides) === 'ours' ? [ours, theirs] : [theirs, ours];
  const rule = base === undefined ? 'insert-collision' : 'concurrent-newer-stamp-won';
  return { value: kept, decisions: [mergeDecision({ group, field, rule, kept, discarded })] };
}

function clearedIdentifiers(
  group: string,
  units: readonly Unit[],
  before: GroupValue,
  after: GroupValue,
): MergeDecision[] {
  const decisions: MergeDecision[] = [];
  for (const unit of units.filter((u) => u.identifier)) {
    const was = pickGroup(before, unit.fields);
    const is = pickGroup(after, unit.fields);
    if (!isEmptyUnit(was, unit.field) && isEmptyUnit(is, unit.field)) {
      decisions.push(
        mergeDecision({ group, field: unit.field, rule: 'identifier-cleared', kept: is, discarded: was }),
      );
    }
  }
  const remaining = cardsByKey(after[BHYT_CARDS_FIELD]);
  for (const [key, card] of cardsByKey(before[BHYT_CARDS_FIELD])) {
    if (!remaining.has(key)) {
      decisions.push(
        mergeDecision({
          group,
          field: BHYT_CARDS_FIELD,
          rule: 'identifier-cleared',
          kept: {},
          discarded: { [BHYT_CARDS_FIELD]: [card] },
        }),
      );
    }
  }
  return decisions;
}

function hasCards(sides: GroupSides): boolean {
  return [sides.base, sides.ours, sides.theirs].some((side) => side?.[BHYT_CARDS_FIELD] !== undefined);
}

/**
 * Card rows keyed by code and start date (a renewed card keeps its code for a new period, one row each); a key
 * repeated within one list gets a counter so that no row is folded into another.
 */
function cardsByKey(cards: unknown): Map<string, unknown> {
  const byKey = new Map<string, unknown>();
  if (!Array.isArray(cards)) return byKey;
  const seen = new Map<string, number>();
  for (const card of cards as readonly unknown[]) {
    const code = cardKey(card);
    const count = seen.get(code) ?? 0;
    seen.set(code, count + 1);
    byKey.set(count === 0 ? code : `${code}#${String(count)}`, card);
  }
  return byKey;
}

function cardKey(card: unknown): string {
  if (typeof card !== 'object' || card === null) return JSON.stringify(card);
  const { code, validFrom } = card as Readonly<Record<string, unknown>>;
  return `${String(code)}|${String(validFrom)}`;
}

function resolveCards(sides: GroupSides): { value: unknown[]; decisions: MergeDecision[] } {
  const base = sides.base === undefined ? undefined : cardsByKey(sides.base[BHYT_CARDS_FIELD]);
  const ours = cardsByKey(sides.ours[BHYT_CARDS_FIELD]);
  const theirs = cardsByKey(sides.theirs[BHYT_CARDS_FIELD]);
  const unitOf = (cards: ReadonlyMap<string, unknown>, key: string): GroupValue => {
    const card = cards.get(key);
    return card === undefined ? {} : { [BHYT_CARDS_FIELD]: [card] };
  };
  const unit: Unit = { field: BHYT_CARDS_FIELD, fields: [BHYT_CARDS_FIELD], identifier: true };
  const value: unknown[] = [];
  const decisions: MergeDecision[] = [];
  for (const key of new Set([...theirs.keys(), ...ours.keys()])) {
    const resolved = resolveUnit(sides, unit, {
      base: base === undefined ? undefined : unitOf(base, key),
      ours: unitOf(ours, key),
      theirs: unitOf(theirs, key),
    });
    const kept = resolved.value[BHYT_CARDS_FIELD];
    if (Array.isArray(kept)) value.push(...(kept as readonly unknown[]));
    decisions.push(...resolved.decisions);
  }
  return { value, decisions };
}
