import type { BhytCardRow } from '#shared/schemas/bhyt-card-row.ts';

/** A BHYT card period as the renewal form holds it: every field a string, '' for not filled. */
export type CardValues = {
  code: string;
  validFrom: string;
  validTo: string;
  registeredFacility: string;
  areaCode: string;
};

/** Where a card period stands on `today` (ISO dates): valid, ended, not begun, or with no dates to tell. */
export function cardPeriodState(
  card: BhytCardRow,
  today: string,
): 'valid' | 'expired' | 'future' | 'unknown' {
  if (card.validTo !== undefined && card.validTo < today) return 'expired';
  if (card.validFrom !== undefined && card.validFrom > today) return 'future';
  if (card.validFrom === undefined && card.validTo === undefined) return 'unknown';
  return 'valid';
}

const nextDay = (iso: string): string => {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

/**
 * The renewal form's starting values: the latest card's code, facility and area (a renewed card usually keeps
 * them), valid from the day after it ended, or from today when it has not ended; empty without any card.
 */
export function renewalOf(cards: readonly BhytCardRow[], today: string): CardValues {
  const latest = cards.at(-1);
  if (latest === undefined)
    return { code: '', validFrom: '', validTo: '', registeredFacility: '', areaCode: '' };
  return {
    code: latest.code,
    validFrom: latest.validTo === undefined || latest.validTo < today ? today : nextDay(latest.validTo),
    validTo: '',
    registeredFacility: latest.registeredFacility ?? '',
    areaCode: latest.areaCode ?? '',
  };
}
