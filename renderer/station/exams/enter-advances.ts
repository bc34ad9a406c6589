import type { KeyboardEvent } from 'react';

/**
 * Keyboard-first forms: Enter in a one-line field moves to the next field, as Tab does, instead of submitting.
 * Enter keeps its own meaning in text areas (a new line), on buttons (press), and in an open list (pick the
 * highlighted option). Radio groups count as one stop: their checked option (or the first). Elements marked
 * `data-enter-skip` (a row's remove button) are passed over, so Enter never lands on a destructive action; Tab still
 * reaches them.
 */
export function advanceOnEnter(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'Enter' || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  if (!(target instanceof HTMLInputElement)) return;
  if (target.getAttribute('aria-expanded') === 'true') return;
  event.preventDefault();
  const stops = focusStops(event.currentTarget);
  const next = stops[stops.indexOf(target) + 1];
  next?.focus();
}

function focusStops(container: HTMLElement): HTMLElement[] {
  const candidates = container.querySelectorAll<HTMLElement>('input, textarea, button, select, [tabindex]');
  const seenRadioGroups = new Set<string>();
  return [...candidates].filter((element) => {
    if (element instanceof HTMLInputElement && element.type === 'radio')
      return radioStop(element, seenRadioGroups);
    if (element instanceof HTMLInputElement && element.type === 'hidden') return false;
    if (element.dataset['enterSkip'] !== undefined) return false;
    return element.tabIndex >= 0 && !element.matches(':disabled') && element.getClientRects().length > 0;
  });
}

/** One stop per radio group: the checked radio, or the first when none is checked. */
function radioStop(radio: HTMLInputElement, seen: Set<string>): boolean {
  if (radio.name === '' || seen.has(radio.name)) return false;
  const group = radio.form?.querySelectorAll<HTMLInputElement>(
    `input[type="radio"][name="${CSS.escape(radio.name)}"]`,
  );
  const checked = [...(group ?? [])].find((r) => r.checked);
  if (checked !== undefined && checked !== radio) return false;
  seen.add(radio.name);
  return true;
}
