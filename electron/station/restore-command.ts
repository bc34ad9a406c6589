/**
 * `npm run station:restore -- --from <backupDir> --data <dataDir> [--replace]`: restores a station backup (a
 * `hssk-backup-…` folder) into the data folder of a STOPPED station. The backup is verified completely before anything
 * changes; with `--replace` the current replica and key slots are moved to `<dataDir>/before-restore-…/`, never
 * deleted. Exit code 0 when restored, 1 when refused (damaged backup, data already there), 2 on wrong usage or an
 * unexpected error.
 */
import { parseArgs } from 'node:util';
import { toError } from '#shared/errors/to-error.ts';
import { restoreStationBackup } from './backup/restore-station-backup.ts';
import { StationBackupError } from './backup/station-backup-error.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

const USAGE =
  'Cách dùng: npm run station:restore -- --from <thư mục hssk-backup-…> --data <thư mục dữ liệu của trạm> [--replace]\n' +
  'Hãy tắt phần mềm của trạm trước khi khôi phục.';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        from: { type: 'string' },
        data: { type: 'string' },
        replace: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    say(`${toError(error).message}\n${USAGE}`);
    return 2;
  }
  if (values.from === undefined || values.data === undefined) {
    say(USAGE);
    return 2;
  }
  try {
    const result = await restoreStationBackup({
      backupDir: values.from,
      dataDir: values.data,
      replaceExisting: values.replace,
    });
    const { manifest } = result;
    say(
      `Đã khôi phục bản sao lưu tạo lúc ${new Date(manifest.createdAt).toLocaleString('vi-VN')} ` +
        `(máy trạm ${manifest.deviceId}, đơn vị ${manifest.orgUnitId}, phiên bản ${manifest.appVersion}).`,
    );
    say(`Cơ sở dữ liệu: ${result.databaseFile}`);
    say(`Tệp khóa: ${result.keySlotsFile}`);
    if (result.movedAsideTo !== undefined) {
      say(`Dữ liệu cũ của trạm đã được chuyển sang ${result.movedAsideTo} (không bị xóa).`);
    }
    say(
      'Hãy khởi động lại phần mềm của trạm. Trên máy cũ, dữ liệu mở như trước; trên máy mới, hãy đăng nhập bằng ' +
        'tài khoản nhân viên của trạm hoặc nhờ bộ phận CNTT dùng khóa khôi phục của thành phố.',
    );
    return 0;
  } catch (error) {
    if (error instanceof StationBackupError) {
      say(`Không khôi phục được [${error.code}]: ${error.message}`);
      return 1;
    }
    say(`Không khôi phục được do lỗi ngoài dự kiến: ${toError(error).message}. Hãy liên hệ bộ phận CNTT.`);
    return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    say(`Không khôi phục được: ${toError(error).message}`);
    process.exitCode = 2;
  },
);
