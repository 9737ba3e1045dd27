// The platform table: the one place platforms are listed. main.ts starts every enabled entry, in
// this order; with none enabled it runs the fallback. Store rows, posters and the scheduler's
// platform list all use these names.
import { discord } from './discord/platform.js';
import type { Platform } from './platform.js';
import { slack } from './slack/platform.js';
import { terminal } from './terminal/platform.js';

export const PLATFORMS = [discord, slack] as const satisfies readonly Platform[];

export const FALLBACK = terminal;

export type PlatformName = (typeof PLATFORMS)[number]['name'] | typeof FALLBACK.name;

export const PLATFORM_NAMES: readonly PlatformName[] = [...PLATFORMS.map((p) => p.name), FALLBACK.name];

export type { ConnectionState, Fallback, Platform, PlatformShared, StartedPlatform } from './platform.js';
