import { describe, expect, it } from 'vitest';
import { flattenDocument, versionRows } from './version-rows.ts';

describe('versions of a record side by side', () => {
  it('flattens nested fields and lists into paths, leaving out replication bookkeeping', () => {
    const fields = flattenDocument({
      id: 'p1',
      name: { family: 'Nguyễn', given: 'An' },
      phones: ['0912', '0988'],
      tags: [],
      deceased: false,
      _meta: { lwt: 1 },
      _rev: '1-a',
      _deleted: false,
    });
    expect([...fields.entries()]).toEqual([
      ['id', 'p1'],
      ['name.family', 'Nguyễn'],
      ['name.given', 'An'],
      ['phones[0]', '0912'],
      ['phones[1]', '0988'],
      ['tags', '[]'],
      ['deceased', 'false'],
      ['_deleted', 'false'],
    ]);
  });

  it('lines up each field across versions and marks the ones that differ', () => {
    const rows = versionRows([
      { id: 'p1', phone: '0912', address: { ward: 'Láng' } },
      { id: 'p1', phone: '0988' },
      null,
    ]);
    expect(rows).toEqual([
      { path: 'id', values: ['p1', 'p1', undefined], differs: true },
      { path: 'phone', values: ['0912', '0988', undefined], differs: true },
      { path: 'address.ward', values: ['Láng', undefined, undefined], differs: true },
    ]);
    expect(versionRows([{ a: 1 }, { a: 1 }])).toEqual([{ path: 'a', values: ['1', '1'], differs: false }]);
  });
});
