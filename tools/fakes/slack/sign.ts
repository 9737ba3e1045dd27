// Slack request signing (HTTP mode): `x-slack-signature: v0=HMAC_SHA256(secret, "v0:{timestamp}:{raw body}")`,
// `x-slack-request-timestamp: {unix seconds}`. This is what @slack/bolt's verifySlackRequest checks.
import { createHmac } from 'node:crypto';
import { nowSeconds } from './util.js';

export function computeSignature(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequestInput {
  /** The exact raw body that will be sent (signature covers these bytes). */
  body: string;
  /** `application/x-www-form-urlencoded` (slash commands, interactivity) or `application/json` (Events API). */
  contentType: string;
  /** Unix seconds. Default: now. */
  timestamp?: number;
  secret: string;
}

export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

export function signedRequest({ body, contentType, timestamp, secret }: SignedRequestInput): SignedRequest {
  const ts = timestamp ?? nowSeconds();
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': computeSignature(secret, ts, body),
    },
  };
}

/** Like Slack's own check (and Bolt's): v0 signature, constant-time compare, not older than 5 minutes. */
export function verifySignature(
  signingSecret: string,
  headers: { signature?: string; timestamp?: string },
  body: string,
  nowMs: number = Date.now(),
): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || Number.isNaN(ts)) return false;
  if (ts < nowSeconds(nowMs) - 300) return false;
  const expected = computeSignature(signingSecret, ts, body);
  return expected.length === headers.signature.length && timingSafeEqualStr(expected, headers.signature);
}

function timingSafeEqualStr(a: string, b: string): boolean {
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
