import { toError } from '#shared/errors/to-error.ts';

/**
 * What the station may log about an unexpected failure: the error's name, its `code` and the place it was thrown
 * (`Name CODE at fn (file:line:col)`). Never its message: messages can carry what was being processed (a name typed
 * into a form, a query, a path), and the station's logs must hold no personal data.
 */
export function errorSummary(thrown: unknown): string {
  const error = toError(thrown);
  const code = (error as { code?: unknown }).code;
  const place = error.stack
    ?.split('\n')
    .map((line) => line.trim())
    .find((line) => line.startsWith('at '));
  return [error.name, typeof code === 'string' ? code : undefined, place]
    .filter((part) => part !== undefined)
    .join(' ');
}
