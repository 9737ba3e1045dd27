// Cheap Block Kit / message validation with Slack's limits and error shapes:
//   { ok: false, error: 'invalid_blocks', errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
//     response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] } }
import type { Json } from './util.js';

export const LIMITS = {
  messageText: 40_000,
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  blockId: 255,
  actionId: 255,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  actionsElements: 25,
  contextElements: 10,
} as const;

const BLOCK_TYPES = new Set([
  'section', 'divider', 'header', 'image', 'actions', 'context', 'input', 'rich_text', 'file', 'video', 'markdown', 'table', 'context_actions',
]);

export interface ValidationFailure {
  error: string;
  errors?: string[];
}

function textLen(obj: Json): number {
  return typeof obj?.text === 'string' ? obj.text.length : 0;
}

function checkTextObject(errs: string[], obj: Json, ptr: string, max: number, plainOnly = false): void {
  if (obj == null || typeof obj !== 'object') {
    errs.push(`must provide an object [json-pointer:${ptr}]`);
    return;
  }
  if (obj.type !== 'plain_text' && (plainOnly || obj.type !== 'mrkdwn')) {
    errs.push(`must be a valid enum value [json-pointer:${ptr}/type]`);
  }
  if (typeof obj.text !== 'string' || obj.text.length === 0) {
    errs.push(`must be more than 0 characters [json-pointer:${ptr}/text]`);
  } else if (textLen(obj) > max) {
    errs.push(`must be less than ${max + 1} characters [json-pointer:${ptr}/text]`);
  }
}

function checkElement(errs: string[], el: Json, ptr: string, actionIds: Set<string>): void {
  if (el == null || typeof el !== 'object' || typeof el.type !== 'string') {
    errs.push(`failed to match all allowed schemas [json-pointer:${ptr}]`);
    return;
  }
  if (el.action_id != null) {
    if (typeof el.action_id !== 'string' || el.action_id.length > LIMITS.actionId) {
      errs.push(`must be less than ${LIMITS.actionId + 1} characters [json-pointer:${ptr}/action_id]`);
    } else if (actionIds.has(el.action_id)) {
      errs.push(`action_id already exists [json-pointer:${ptr}/action_id]`);
    } else {
      actionIds.add(el.action_id);
    }
  }
  if (el.type === 'button') {
    checkTextObject(errs, el.text, `${ptr}/text`, LIMITS.buttonText, true);
    if (el.value != null && (typeof el.value !== 'string' || el.value.length > LIMITS.buttonValue)) {
      errs.push(`must be less than ${LIMITS.buttonValue + 1} characters [json-pointer:${ptr}/value]`);
    }
    if (el.url != null && (typeof el.url !== 'string' || el.url.length > LIMITS.buttonUrl)) {
      errs.push(`must be less than ${LIMITS.buttonUrl + 1} characters [json-pointer:${ptr}/url]`);
    }
    if (el.style != null && el.style !== 'primary' && el.style !== 'danger') {
      errs.push(`must be a valid enum value [json-pointer:${ptr}/style]`);
    }
  }
}

/** Validate `blocks` as chat.postMessage / chat.update / response_url would. Returns undefined when valid. */
export function validateBlocks(blocks: Json): ValidationFailure | undefined {
  if (blocks == null) return undefined;
  if (typeof blocks === 'string') {
    // A form field that wasn't valid JSON.
    return { error: 'invalid_blocks_format' };
  }
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format' };
  const errs: string[] = [];
  if (blocks.length > LIMITS.blocksPerMessage) {
    errs.push(`must be less than ${LIMITS.blocksPerMessage + 1} items [json-pointer:/blocks]`);
  }
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  blocks.forEach((block: Json, i: number) => {
    const ptr = `/blocks/${i}`;
    if (block == null || typeof block !== 'object' || !BLOCK_TYPES.has(block.type)) {
      errs.push(`failed to match all allowed schemas [json-pointer:${ptr}]`);
      return;
    }
    if (block.block_id != null) {
      if (typeof block.block_id !== 'string' || block.block_id.length > LIMITS.blockId) {
        errs.push(`must be less than ${LIMITS.blockId + 1} characters [json-pointer:${ptr}/block_id]`);
      } else if (blockIds.has(block.block_id)) {
        errs.push(`block_id already exists [json-pointer:${ptr}/block_id]`);
      } else {
        blockIds.add(block.block_id);
      }
    }
    switch (block.type) {
      case 'section': {
        if (block.text == null && block.fields == null) {
          errs.push(`must provide at least one of [text, fields] [json-pointer:${ptr}]`);
        }
        if (block.text != null) checkTextObject(errs, block.text, `${ptr}/text`, LIMITS.sectionText);
        if (block.fields != null) {
          if (!Array.isArray(block.fields) || block.fields.length > LIMITS.sectionFields) {
            errs.push(`must be less than ${LIMITS.sectionFields + 1} items [json-pointer:${ptr}/fields]`);
          } else {
            block.fields.forEach((f: Json, j: number) => checkTextObject(errs, f, `${ptr}/fields/${j}`, LIMITS.sectionFieldText));
          }
        }
        if (block.accessory != null) checkElement(errs, block.accessory, `${ptr}/accessory`, actionIds);
        break;
      }
      case 'header':
        checkTextObject(errs, block.text, `${ptr}/text`, LIMITS.headerText, true);
        break;
      case 'actions':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          errs.push(`must provide an array [json-pointer:${ptr}/elements]`);
        } else {
          if (block.elements.length > LIMITS.actionsElements) {
            errs.push(`must be less than ${LIMITS.actionsElements + 1} items [json-pointer:${ptr}/elements]`);
          }
          block.elements.forEach((el: Json, j: number) => checkElement(errs, el, `${ptr}/elements/${j}`, actionIds));
        }
        break;
      case 'context':
        if (!Array.isArray(block.elements) || block.elements.length === 0) {
          errs.push(`must provide an array [json-pointer:${ptr}/elements]`);
        } else if (block.elements.length > LIMITS.contextElements) {
          errs.push(`must be less than ${LIMITS.contextElements + 1} items [json-pointer:${ptr}/elements]`);
        }
        break;
      default:
        break;
    }
  });
  return errs.length ? { error: 'invalid_blocks', errors: errs } : undefined;
}

/**
 * Message content checks shared by chat.postMessage, chat.update, chat.postEphemeral and response_url.
 * `requireContent`: `no_text` when there is no text, blocks or attachments.
 */
export function validateMessage(args: Json, opts: { requireContent: boolean }): ValidationFailure | undefined {
  const text = args.text;
  if (text != null && typeof text !== 'string') return { error: 'invalid_arguments' };
  if (typeof text === 'string' && text.length > LIMITS.messageText) return { error: 'msg_too_long' };
  const blocksFailure = validateBlocks(args.blocks);
  if (blocksFailure) return blocksFailure;
  if (args.attachments != null && !Array.isArray(args.attachments)) return { error: 'invalid_attachments' };
  if (opts.requireContent) {
    const hasText = typeof text === 'string' && text.trim().length > 0;
    const hasBlocks = Array.isArray(args.blocks) && args.blocks.length > 0;
    const hasAttachments = Array.isArray(args.attachments) && args.attachments.length > 0;
    if (!hasText && !hasBlocks && !hasAttachments) return { error: 'no_text' };
  }
  return undefined;
}

/** Slack's error body for a validation failure. */
export function failureBody(f: ValidationFailure): Json {
  const body: Json = { ok: false, error: f.error };
  if (f.errors?.length) {
    body.errors = f.errors;
    body.response_metadata = { messages: f.errors.map((e) => `[ERROR] ${e}`) };
  }
  return body;
}
