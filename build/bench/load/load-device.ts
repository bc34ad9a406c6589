/** A simulated station device of the load benchmark, as the orchestrator hands it to the generator processes. */
export type LoadDevice = {
  readonly deviceId: string;
  /** The device's Ed25519 secret key (tweetnacl's 64 bytes), base64. */
  readonly secretKey: string;
  readonly orgUnitId: string;
  readonly communeCode: string;
  /** The commune's staff account every write is credited to (`updatedBy`), as the station app does. */
  readonly staffUserName: string;
  /** The device's own session (`POST /auth/device-session`). */
  readonly token: string;
};
