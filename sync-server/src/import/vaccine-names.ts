import { vaccineCatalogue } from '#shared/reference-data/vaccine-catalogue.ts';
import { searchKey } from '#shared/text/search-keys.ts';

/**
 * The vaccine a list names, as the COVID-19 campaign's export, the immunisation system's export and stations' own
 * sheets write it ("AstraZeneca", "Vero Cell", "Pfizer (trẻ 5-11 tuổi)", "DPT-VGB-Hib", "VGB sơ sinh", "Sởi-Rubella",
 * "Uốn ván 2"…). Phrases are matched on the folded text as whole words, the more specific first (Sởi-Quai bị-Rubella
 * before Sởi-Rubella before Sởi); a catalogue code is taken as it is. Undefined when nothing fits: the row is refused
 * with the text, never guessed.
 */
const RULES: readonly (readonly [code: string, phrases: readonly string[]])[] = [
  ['COVID19_AZ', ['astrazeneca', 'astra zeneca', 'astra', 'vaxzevria', 'covishield', 'az']],
  ['COVID19_VEROCELL', ['vero cell', 'verocell', 'sinopharm', 'bbibp']],
  ['COVID19_HAYAT', ['hayat', 'hayat vax']],
  ['COVID19_PFIZER', ['pfizer', 'biontech', 'comirnaty']],
  ['COVID19_MODERNA', ['moderna', 'spikevax']],
  ['COVID19_SPUTNIK', ['sputnik', 'gam covid vac']],
  ['COVID19_ABDALA', ['abdala']],
  ['COVID19_JANSSEN', ['janssen', 'johnson']],
  ['COVID19', ['covid', 'covid 19', 'sars cov 2']],
  ['HEPB0', ['viem gan b so sinh', 'vgb so sinh', 'vgb 0', 'vgb0', 'hepb0', 'hep b so sinh']],
  ['DPT_VGB_HIB', ['dpt vgb hib', '5 trong 1', 'quinvaxem', 'combe five', 'pentaxim']],
  ['DPT4', ['dpt4', 'dpt 4', 'dpt']],
  ['OPV', ['opv', 'bai liet uong']],
  ['IPV', ['ipv', 'bai liet tiem']],
  ['MMR', ['mmr', 'soi quai bi rubella']],
  ['MR', ['soi rubella', 'mr', 'soi 2']],
  ['MEASLES', ['soi']],
  ['JE', ['vnnb', 'viem nao nhat ban', 'jevax', 'je']],
  ['TT', ['uon van', 'uv', 'tt', 'td']],
  ['CHOLERA', ['ta', 'morcvax']],
  ['TYPHOID', ['thuong han']],
  ['MUMPS', ['quai bi']],
  ['INFLUENZA', ['cum', 'influenza', 'vaxigrip', 'influvac']],
  ['HPV', ['hpv', 'ung thu co tu cung', 'gardasil']],
  ['PCV', ['phe cau', 'pcv', 'synflorix', 'prevenar']],
  ['RABIES', ['dai', 'verorab', 'abhayrab']],
  ['VARICELLA', ['thuy dau', 'varicella', 'varivax', 'varilrix']],
  ['HEPA', ['viem gan a', 'havax', 'avaxim']],
];

const codes = new Map(vaccineCatalogue.map((entry) => [entry.code.toLowerCase(), entry.code]));
const words = (text: string) =>
  ` ${searchKey(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;

const has = (folded: string, phrases: readonly string[]) =>
  phrases.some((phrase) => folded.includes(` ${phrase} `));
/** Pfizer-BioNTech's children's formulation: the product named with a word for children, its age band or its dose. */
const PFIZER = ['pfizer', 'biontech', 'comirnaty'];
const FOR_CHILDREN = ['tre', 'tre em', 'nhi', '5 11', '10 mcg', '10mcg', 'nap cam'];

export function vaccineCodeOfName(name: string): string | undefined {
  const exact = codes.get(name.trim().toLowerCase());
  if (exact !== undefined) return exact;
  const folded = words(name);
  if (folded.trim() === '') return undefined;
  if (has(folded, PFIZER) && has(folded, FOR_CHILDREN)) return 'COVID19_PFIZER_PED';
  return RULES.find(([, phrases]) => has(folded, phrases))?.[0];
}
