// Terminal rendering of text from documents and users: control characters and escape sequences
// (colours, OSC 8 hyperlinks, bells, cursor moves) are removed, so a document cannot repaint or
// hijack the terminal; only the renderer's own bold and dim codes remain.
import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/platforms/terminal/render.js';
import { hostileReplies } from '../helpers/hostile.js';

const OWN_CODES = /\u001b\[[012]m/g;
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

describe('terminal rendering of hostile text', () => {
  it('strips control characters and escape sequences from every field, with or without colour', () => {
    for (const reply of hostileReplies()) {
      for (const color of [false, true]) {
        const out = renderReply(reply, { width: 80, color }).replace(OWN_CODES, '');
        expect(out, `${reply.kind} color=${color}`).not.toMatch(CONTROL);
        expect(out).not.toContain(']8;;');
      }
    }
  });

  it('keeps the visible words around what it strips', () => {
    const out = renderReply(hostileReplies()[0]!, { width: 200, color: false });
    expect(out).toContain('Plain words about checkpoints.');
    expect(out).toContain('redosc');
  });
});
