// The invite link asks for what the bot uses and nothing more: a server admin sees this list.
import { PermissionFlagsBits, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { inviteUrl } from '../../src/platforms/discord/invite.js';

describe('the Discord invite link', () => {
  it('asks for reading history (to find a daily post made before a crash) and no admin rights', () => {
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    const perms = new PermissionsBitField(BigInt(url.searchParams.get('permissions')!));
    for (const p of ['ViewChannel', 'SendMessages', 'EmbedLinks', 'CreatePublicThreads', 'SendMessagesInThreads', 'ReadMessageHistory'] as const) {
      expect(perms.has(PermissionFlagsBits[p]), p).toBe(true);
    }
    for (const p of ['Administrator', 'ManageChannels', 'ManageMessages', 'MentionEveryone'] as const) {
      expect(perms.has(PermissionFlagsBits[p]), p).toBe(false);
    }
  });
});
