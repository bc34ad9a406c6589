/** The shortest note, trimmed, that an admin may give when closing an entry without acting on it. */
export const NOTE_MIN_LENGTH = 3;

/** Whether `note` may be recorded: at least `NOTE_MIN_LENGTH` characters once trimmed. */
export function noteAccepted(note: string): boolean {
  return note.trim().length >= NOTE_MIN_LENGTH;
}
