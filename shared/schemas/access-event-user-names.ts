/**
 * The user names an access event may carry besides an account of the station's own unit: what a station records
 * when nobody it knows is behind the act. Anything else is refused by the server (quarantined).
 */

/** A backup the station's daily schedule made, with nobody at the keyboard. */
export const SCHEDULED_BACKUP_USER_NAME = 'lich-sao-luu-hang-ngay';

/**
 * A failed sign-in under a name that is not staff known to the station: the typed text is never kept (it may be a
 * password typed into the user-name field), only that an unknown name was tried.
 */
export const UNKNOWN_USER_NAME = 'ten-khong-ro';
