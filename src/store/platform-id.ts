// The store keeps no list of platforms (a new platform must not edit the store), yet a platform
// id ends up in keys such as 'discord:C123' and in every row: so it checks the shape instead,
// one that cannot hold the ':' of a channel key or anything surprising in a log line.
import type { PlatformId } from './types.js';

/** Lowercase letter first, then up to 31 lowercase letters, digits, '-' or '_'. */
export const PLATFORM_ID_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

export class PlatformIdError extends Error {
  readonly code = 'bad_platform_id';
  constructor(readonly platform: unknown) {
    super(
      `The store cannot take the platform id ${JSON.stringify(platform)}: a platform id is 1 to 32 characters, lowercase letters, digits, - or _, starting with a letter (such as discord or slack).`,
    );
    this.name = 'PlatformIdError';
  }
}

export const isPlatformId = (value: unknown): value is PlatformId => typeof value === 'string' && PLATFORM_ID_PATTERN.test(value);

/** Throws PlatformIdError unless `value` has the shape of a platform id. */
export function checkPlatformId(value: unknown): PlatformId {
  if (!isPlatformId(value)) throw new PlatformIdError(value);
  return value;
}
