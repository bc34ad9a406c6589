import { describe, expect, it } from 'vitest';
import { createI18n } from '../../common/i18n/create-i18n.ts';
import { auditDetailText } from './audit-detail-text.ts';

describe('auditDetailText', () => {
  it('says a station event in Vietnamese words, leaving the credited user to the actor column', async () => {
    const i18n = await createI18n('vi');
    expect(
      auditDetailText(
        {
          source: 'station',
          eventId: 'ev-1',
          userName: '01T03_lanvt',
          worklist: 'missing-phone',
          rows: 1914,
          occurredAt: new Date(2026, 11, 7, 9, 5).toISOString(),
        },
        i18n.t,
      ),
    ).toBe('Nguồn: máy trạm · Danh sách: Thiếu số điện thoại · Số người: 1.914 · Lúc: 07/12/2026 09:05');
    expect(auditDetailText({ unknownUserName: true, reason: 'x' }, i18n.t)).toBe(
      'tên đăng nhập không tồn tại · reason: x',
    );
  });
});
