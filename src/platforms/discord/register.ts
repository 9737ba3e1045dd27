// Registers the slash commands with one bulk overwrite, skipped when Discord already has exactly
// these definitions (registration is rate limited, and restarts are frequent).
import { REST, Routes, type APIApplicationCommand, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import { commandDefinitions } from './definitions.js';

/** True when every field we send equals what Discord holds (Discord adds fields of its own). */
export function sameDefinition(wanted: unknown, held: unknown): boolean {
  if (Array.isArray(wanted)) {
    return Array.isArray(held) && wanted.length === held.length && wanted.every((w, i) => sameDefinition(w, held[i]));
  }
  if (wanted && typeof wanted === 'object') {
    if (!held || typeof held !== 'object') return false;
    return Object.entries(wanted).every(([k, v]) => {
      const h = (held as Record<string, unknown>)[k];
      // Discord omits false flags and empty option lists.
      if (h === undefined && (v === false || (Array.isArray(v) && v.length === 0))) return true;
      return sameDefinition(v, h);
    });
  }
  return wanted === held;
}

export async function registerCommands(
  rest: REST,
  appId: string,
  guildId?: string,
  wanted: RESTPostAPIChatInputApplicationCommandsJSONBody[] = commandDefinitions(),
): Promise<'updated' | 'unchanged'> {
  const route = guildId ? Routes.applicationGuildCommands(appId, guildId) : Routes.applicationCommands(appId);
  const held = (await rest.get(route)) as APIApplicationCommand[];
  const byName = new Map(held.map((c) => [c.name, c]));
  if (held.length === wanted.length && wanted.every((w) => sameDefinition(w, byName.get(w.name)))) return 'unchanged';
  await rest.put(route, { body: wanted });
  return 'updated';
}
