/**
 * `npm run simulate:hospital -- --user 01032_lt_xxx [--server http://127.0.0.1:8787] [--count 40] [--broken 3]
 * [--batch 20] [--seed N]`: a SIMULATOR of a hospital's QĐ 130 export sending a day of hồ sơ to the intake — visits
 * of the demo commune's synthetic residents, newcomers, deliveries, and `--broken` deliberately broken hồ sơ — and
 * printing what the intake answered. The password comes from HSSK_SIMULATOR_PASSWORD or is asked for; a one-time
 * password is changed (HSSK_SIMULATOR_NEW_PASSWORD, or asked for) as the server requires.
 * A hospital that has enrolled a sending machine signs every request: `--enrol CODE --key FILE` enrols a new key
 * pair with the one-time code from the console (Thiết bị) and keeps it in FILE; `--key FILE` alone signs with it.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { generateSyntheticPopulation } from '#shared/synthetic/synthetic-population.ts';
import { DEMO_COMMUNE_CODE, syntheticStationFor } from '#shared/synthetic/synthetic-station.ts';
import { qd130EnvelopeXml } from './qd130-xml.ts';
import { createHospitalSender, signInHospital } from './hospital-sender.ts';
import { SenderError } from './sender-error.ts';
import { simulatedDay } from './simulated-day.ts';
import { enrolSendingMachine, loadSendingMachine, saveSendingMachine } from './sending-machine.ts';
import { qd130Time } from './simulated-hoso.ts';

const say = (line = '') => process.stdout.write(`${line}\n`);
const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8787' },
    user: { type: 'string' },
    count: { type: 'string', default: '40' },
    broken: { type: 'string', default: '3' },
    batch: { type: 'string', default: '20' },
    seed: { type: 'string', default: String(Math.floor(Date.now() / 1000) % 100_000) },
    residents: { type: 'string', default: '2000' },
    key: { type: 'string' },
    enrol: { type: 'string' },
  },
});
if (values.enrol !== undefined && values.key === undefined) {
  say('--enrol cần --key: tệp lưu khóa của máy gửi hồ sơ.');
  process.exit(2);
}
if (values.user === undefined) {
  say('Cần --user: tài khoản liên thông của bệnh viện (ví dụ 01032_lt_bvminhhoa), do npm start in ra.');
  process.exit(2);
}
const ask = async (question: string, variable: string): Promise<string> => {
  const given = process.env[variable];
  if (given !== undefined && given !== '') return given;
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return await rl.question(question);
  } finally {
    rl.close();
  }
};

const facilityCode = values.user.split('_')[0] ?? '';
const station = syntheticStationFor(DEMO_COMMUNE_CODE);
const residents =
  station === undefined
    ? []
    : [
        ...generateSyntheticPopulation({
          seed: 1,
          size: Number(values.residents),
          referenceDate: new Date().toISOString().slice(0, 10),
          stations: [station],
        }),
      ].map((r) => r.person);

say(`MÔ PHỎNG bệnh viện ${facilityCode} gửi hồ sơ QĐ 130 (dữ liệu giả lập, không phải người thật)`);
try {
  const token = await signInHospital(
    values.server,
    values.user,
    await ask(`Mật khẩu của ${values.user}: `, 'HSSK_SIMULATOR_PASSWORD'),
    () =>
      ask(
        'Mật khẩu một lần phải đổi. Mật khẩu mới (≥ 8 ký tự, có hoa, thường, số, ký tự đặc biệt): ',
        'HSSK_SIMULATOR_NEW_PASSWORD',
      ),
  );
  const machine =
    values.key === undefined
      ? undefined
      : values.enrol === undefined
        ? await loadSendingMachine(values.key)
        : await enrolSendingMachine(values.server, values.enrol, `Máy gửi hồ sơ mô phỏng ${facilityCode}`);
  if (machine !== undefined && values.enrol !== undefined && values.key !== undefined) {
    await saveSendingMachine(values.key, machine);
    say(`Đã đăng ký máy gửi hồ sơ ${machine.deviceId}; khóa lưu ở ${values.key}.`);
  }
  const sender = createHospitalSender({ baseUrl: values.server, token, machine });
  const records = simulatedDay({
    seed: Number(values.seed),
    facilityCode,
    residents,
    count: Number(values.count),
    broken: Number(values.broken),
  });
  const batch = Math.max(1, Number(values.batch));
  const totals = new Map<string, number>();
  for (let start = 0; start < records.length; start += batch) {
    const answer = await sender.send(
      qd130EnvelopeXml(facilityCode, qd130Time(new Date()).slice(0, 8), records.slice(start, start + batch)),
    );
    for (const record of answer.records) {
      totals.set(record.outcome, (totals.get(record.outcome) ?? 0) + 1);
      if (record.outcome === 'refused') {
        say(`  Hồ sơ ${record.visitKey ?? `#${String(start + record.position)}`} bị từ chối:`);
        for (const issue of record.issues) say(`    [${issue.code}] ${issue.path ?? ''} ${issue.message}`);
      }
    }
  }
  const label = {
    accepted: 'tiếp nhận',
    replaced: 'thay thế',
    unchanged: 'không đổi',
    review: 'chờ xác định người bệnh',
    refused: 'từ chối',
  };
  say(
    `Đã gửi ${records.length.toLocaleString('vi-VN')} hồ sơ: ${Object.entries(label)
      .map(([outcome, name]) => `${(totals.get(outcome) ?? 0).toLocaleString('vi-VN')} ${name}`)
      .join(', ')}.`,
  );
  say('Xem ở giao diện quản trị: Liên thông bệnh viện; hồ sơ chờ xác định ở mục Hồ sơ bệnh viện chờ xử lý.');
} catch (error) {
  if (error instanceof SenderError) {
    say(`Không gửi được: [${error.code}] ${error.message}`);
    process.exit(1);
  }
  throw error;
}
