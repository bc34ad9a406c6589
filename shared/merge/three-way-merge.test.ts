import { describe, expect, it } from 'vitest';
import { stampAt } from './merge-arbitraries.test-support.ts';
import { groupChange, resolveGroup, threeWayMerge } from './three-way-merge.ts';
import type { FieldGroups, GroupSides, MergeableDocument } from './three-way-merge.ts';

type Note = MergeableDocument & {
  readonly id: string;
  readonly title: string;
  readonly tags: readonly string[];
  readonly body?: { readonly text: string; readonly lang?: string };
};

const groups: FieldGroups = { heading: ['title', 'tags'], content: ['body'] };
const T0 = Date.UTC(2025, 0, 1);
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const withoutBody: Note = {
  id: 'n-1',
  createdAt: at(0),
  updatedAt: at(1),
  stamps: { heading: stampAt(T0, 'server'), content: stampAt(T0, 'server') },
  title: 'Khám định kỳ',
  tags: ['a'],
};
const base: Note = { ...withoutBody, body: { text: 'Huyết áp bình thường' } };

function edited(doc: Note, minutes: number, node: string, changes: Partial<Note>, touched: string[]): Note {
  const stamps = { ...doc.stamps };
  for (const group of touched) stamps[group] = stampAt(T0 + minutes * 60_000, node);
  return { ...doc, ...changes, stamps, updatedAt: at(minutes) };
}

describe('threeWayMerge', () => {
  it('takes the other side of a group one side left unchanged, and keeps concurrent edits of different groups', () => {
    const ours = edited(base, 10, 'tyt-a', { title: 'Khám sức khỏe' }, ['heading']);
    const theirs = edited(base, 5, 'server', { body: { text: 'Huyết áp cao' } }, ['content']);
    const { merged, decisions, needsQuarantine } = threeWayMerge(groups, base, ours, theirs);
    expect(merged).toEqual({
      ...base,
      title: 'Khám sức khỏe',
      body: { text: 'Huyết áp cao' },
      stamps: { heading: ours.stamps.heading, content: theirs.stamps.content },
      updatedAt: at(10),
    });
    expect(decisions.map((d) => [d.group, d.rule])).toEqual([
      ['heading', 'took-ours'],
      ['content', 'took-theirs'],
    ]);
    expect(needsQuarantine).toBe(false);
  });

  it('gives a group changed on both sides to the newer stamp and records the losing value', () => {
    const ours = edited(base, 10, 'tyt-a', { title: 'Của trạm' }, ['heading']);
    const theirs = edited(base, 20, 'server', { title: 'Của máy chủ', tags: ['b'] }, ['heading']);
    const { merged, decisions } = threeWayMerge(groups, base, ours, theirs);
    expect(merged.title).toBe('Của máy chủ');
    expect(merged.stamps.heading).toBe(theirs.stamps.heading);
    expect(decisions).toEqual([
      {
        group: 'heading',
        rule: 'concurrent-newer-stamp-won',
        kept: { title: 'Của máy chủ', tags: ['b'] },
        discarded: { title: 'Của trạm', tags: ['a'] },
        outcome: 'merged',
      },
    ]);
  });

  it('lets the station win a concurrent edit when its stamp is newer', () => {
    const ours = edited(base, 30, 'tyt-a', { body: { text: 'Của trạm' } }, ['content']);
    const theirs = edited(base, 20, 'server', { body: { text: 'Của máy chủ', lang: 'vi' } }, ['content']);
    const { merged, decisions } = threeWayMerge(groups, base, ours, theirs);
    expect(merged.body).toEqual({ text: 'Của trạm' });
    expect(decisions[0]?.discarded).toEqual({ body: { text: 'Của máy chủ', lang: 'vi' } });
  });

  it('lets the master win a concurrent edit whose stamps are equal', () => {
    const stamp = stampAt(T0 + 60_000, 'tyt-a');
    const ours = { ...base, title: 'Một', stamps: { ...base.stamps, heading: stamp } };
    const theirs = { ...base, title: 'Hai', stamps: { ...base.stamps, heading: stamp } };
    expect(threeWayMerge(groups, base, ours, theirs).merged.title).toBe('Hai');
  });

  it('keeps the same change made on both sides once, without a decision, whatever the key order', () => {
    const ours = edited(base, 10, 'tyt-a', { body: { lang: 'vi', text: 'Giống nhau' } }, ['content']);
    const theirs = edited(base, 20, 'server', { body: { text: 'Giống nhau', lang: 'vi' } }, ['content']);
    const { merged, decisions } = threeWayMerge(groups, base, ours, theirs);
    expect(merged.body).toEqual({ text: 'Giống nhau', lang: 'vi' });
    expect(merged.stamps.content).toBe(theirs.stamps.content);
    expect(decisions).toEqual([]);
  });

  it('removes an optional field that the winning side removed', () => {
    const ours = edited(withoutBody, 10, 'tyt-a', {}, ['content']);
    const { merged } = threeWayMerge(groups, base, ours, base);
    expect('body' in merged).toBe(false);
  });

  it('resolves an insert that collides with an existing record group by group as insert-collision', () => {
    const ours = edited(base, 40, 'tyt-a', { title: 'Trạm tạo', createdAt: at(-5) }, ['heading', 'content']);
    const theirs = edited(base, 30, 'server', { title: 'Máy chủ tạo' }, ['heading', 'content']);
    const { merged, decisions } = threeWayMerge(groups, undefined, ours, theirs);
    expect(merged.title).toBe('Trạm tạo');
    expect(merged.createdAt).toBe(at(-5));
    expect(decisions).toEqual([
      expect.objectContaining({
        group: 'heading',
        rule: 'insert-collision',
        discarded: { title: 'Máy chủ tạo', tags: ['a'] },
      }),
    ]);
  });

  it('takes fields outside every group from the master and leaves its inputs untouched', () => {
    const ours = { ...edited(base, 10, 'tyt-a', { title: 'X' }, ['heading']), id: 'n-other' };
    const snapshot = JSON.stringify([base, ours]);
    expect(threeWayMerge(groups, base, ours, base).merged.id).toBe('n-1');
    expect(JSON.stringify([base, ours])).toBe(snapshot);
  });

  it('uses the per-group resolver it is given', () => {
    const ours = edited(base, 10, 'tyt-a', { title: 'X' }, ['heading']);
    const resolver = (sides: GroupSides) => ({ ...resolveGroup(sides), value: { title: 'Y', tags: [] } });
    expect(threeWayMerge(groups, base, ours, base, { heading: resolver }).merged).toMatchObject({
      title: 'Y',
      tags: [],
    });
  });
});

describe('groupChange', () => {
  it('names who changed a group relative to the base', () => {
    const [b, x, y] = [{ v: 1 }, { v: 2 }, { v: 3 }];
    expect(groupChange({ base: b, ours: b, theirs: b })).toBe('none');
    expect(groupChange({ base: b, ours: b, theirs: x })).toBe('theirs-only');
    expect(groupChange({ base: b, ours: x, theirs: b })).toBe('ours-only');
    expect(groupChange({ base: b, ours: x, theirs: y })).toBe('both');
    expect(groupChange({ base: undefined, ours: x, theirs: y })).toBe('insert-collision');
    expect(groupChange({ base: undefined, ours: x, theirs: x })).toBe('none');
  });
});
