import type { RxAttachmentWriteData, RxDocumentData } from 'rxdb';
import { describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from './sqlite-rx-storage.ts';
import {
  createTestInstance,
  nextVersion,
  tempDirectory,
  TEST_KEY,
  testDoc,
  testSchema,
  type TestDoc,
} from './sqlite-rx-storage.test-support.ts';

function attachment(text: string, digest: string): RxAttachmentWriteData {
  const data = new Blob([text], { type: 'text/plain' });
  return { data, digest, length: data.size, type: 'text/plain' };
}

async function newInstance(directory = tempDirectory()) {
  return createTestInstance(
    getRxStorageSqlite({ directory, key: TEST_KEY }),
    {},
    testSchema({ attachments: true }),
  );
}

function withAttachments(
  doc: RxDocumentData<TestDoc>,
  attachments: Record<string, RxAttachmentWriteData>,
): RxDocumentData<TestDoc> {
  return { ...doc, _attachments: attachments };
}

describe('SQLite RxStorage: attachments', () => {
  it('stores the body apart from the document and returns it for the matching digest only', async () => {
    const directory = tempDirectory();
    const instance = await newInstance(directory);
    const doc = withAttachments(testDoc('a', 'v'), { 'kết-quả.txt': attachment('Xét nghiệm máu 🩸', 'd1') });
    expect((await instance.bulkWrite([{ document: doc }], 'test')).error).toEqual([]);

    const [stored] = await instance.findDocumentsById(['a'], false);
    expect(stored?._attachments).toEqual({
      'kết-quả.txt': { digest: 'd1', length: doc._attachments['kết-quả.txt']?.length, type: 'text/plain' },
    });
    const body = await instance.getAttachmentData('a', 'kết-quả.txt', 'd1');
    expect(await body.text()).toBe('Xét nghiệm máu 🩸');
    expect(body.type).toBe('text/plain');
    await expect(instance.getAttachmentData('a', 'kết-quả.txt', 'other-digest')).rejects.toThrow(
      /does not exist/,
    );
    await expect(instance.getAttachmentData('a', 'missing', 'd1')).rejects.toThrow(/does not exist/);

    // The body survives a reopen.
    await instance.close();
    const reopened = await newInstance(directory);
    expect(await (await reopened.getAttachmentData('a', 'kết-quả.txt', 'd1')).text()).toBe(
      'Xét nghiệm máu 🩸',
    );
  });

  it('replaces a changed body, removes a dropped attachment and clears all of them on delete', async () => {
    const instance = await newInstance();
    const v1 = withAttachments(testDoc('a', 'v'), { one: attachment('1', 'd1'), two: attachment('2', 'd2') });
    await instance.bulkWrite([{ document: v1 }], 'test');
    const [stored1] = await instance.findDocumentsById(['a'], false);
    if (stored1 === undefined) throw new Error('not stored');

    const v2 = withAttachments(nextVersion(stored1), { one: attachment('1 bis', 'd1b') });
    expect((await instance.bulkWrite([{ previous: stored1, document: v2 }], 'test')).error).toEqual([]);
    expect(await (await instance.getAttachmentData('a', 'one', 'd1b')).text()).toBe('1 bis');
    await expect(instance.getAttachmentData('a', 'two', 'd2')).rejects.toThrow(/does not exist/);

    const [stored2] = await instance.findDocumentsById(['a'], false);
    if (stored2 === undefined) throw new Error('not stored');
    const deleted = { ...nextVersion(stored2, { _deleted: true }), _attachments: {} };
    await instance.bulkWrite([{ previous: stored2, document: deleted }], 'test');
    await expect(instance.getAttachmentData('a', 'one', 'd1b')).rejects.toThrow(/does not exist/);
  });

  it('refuses a new attachment without its body with a 510 and writes nothing for that document', async () => {
    const instance = await newInstance();
    const doc = {
      ...testDoc('a', 'v'),
      _attachments: { stub: { digest: 'd', length: 1, type: 'text/plain' } },
    };
    const result = await instance.bulkWrite([{ document: doc }, { document: testDoc('b', 'w') }], 'test');
    expect(result.error.map((e) => [e.documentId, e.status])).toEqual([['a', 510]]);
    expect((await instance.findDocumentsById(['a', 'b'], true)).map((d) => d.key)).toEqual(['b']);
  });
});
