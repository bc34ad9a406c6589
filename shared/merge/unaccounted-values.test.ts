import { describe, expect, it } from 'vitest';
import { mergeDecision, mergeResult } from './merge-decision.ts';
import { unaccountedValues } from './unaccounted-values.ts';

const ours = { id: 'x', updatedAt: 'later', phones: ['0911', '0922'], name: { given: 'Lan', family: '' } };
const theirs = { id: 'x', updatedAt: 'earlier', phones: ['0933'], name: { given: 'Hoa', family: 'Lê' } };

describe('unaccountedValues', () => {
  it('reports the values of either side that the merged document and the decisions both lack', () => {
    const result = mergeResult({ ...theirs, phones: ['0922', '0933'] }, []);
    expect(unaccountedValues(ours, theirs, result, ['updatedAt'])).toEqual([
      { side: 'ours', path: 'phones[]', value: '0911' },
      { side: 'ours', path: 'name.given', value: 'Lan' },
    ]);
  });

  it('accepts values recorded at the same path in a decision, and ignores empty strings and bookkeeping fields', () => {
    const decision = mergeDecision({
      group: 'contact',
      rule: 'concurrent-newer-stamp-won',
      kept: { phones: ['0933'] },
      discarded: { phones: ['0911'], name: { given: 'Lan' } },
    });
    const result = mergeResult({ ...theirs, phones: ['0922', '0933'] }, [decision]);
    expect(unaccountedValues(ours, theirs, result, ['updatedAt'])).toEqual([]);
  });

  it('does not accept a value found only at another path', () => {
    const result = mergeResult(
      { ...theirs, phones: ['0933', '0922'], name: { given: 'Hoa', family: 'Lê', nick: '0911' } },
      [mergeDecision({ group: 'name', rule: 'took-theirs', kept: theirs.name, discarded: { alias: 'Lan' } })],
    );
    expect(unaccountedValues(ours, theirs, result, ['updatedAt']).map((v) => v.value)).toEqual([
      '0911',
      'Lan',
    ]);
  });
});
