#!/usr/bin/env node
// Writes spec/webhook-vectors.json: the webhook test vectors every runtime's suite runs
// (packages/test-support/src/webhook-contract.ts). Deterministic: same script, same bytes.
//   node scripts/generate-webhook-vectors.mjs          # (re)write the file
//   node scripts/generate-webhook-vectors.mjs --check  # fail if the file is stale
import { createHash, createHmac } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../spec/webhook-vectors.json', import.meta.url));
const NOW = 1764547200; // 2025-12-01T00:00:00Z
const TOLERANCE = 300;

const digest = (label) => createHash('sha256').update(`flare webhook vectors: ${label}`).digest();
const secretFor = (label) => `whsec_${digest(label).toString('base64url').slice(0, 32)}`;
const SECRET = secretFor('primary');
const SECONDARY = secretFor('secondary');
const RETIRED = secretFor('retired');
const STRANGER = secretFor('another endpoint');

const sign = (secret, t, body) =>
  createHmac('sha256', secret).update(`${t}.`).update(body, 'utf8').digest('hex');
const header = (t, body, secret = SECRET) => `t=${t},v1=${sign(secret, t, body)}`;

// A ULID: 48-bit millisecond time + 80 "random" bits, here derived from a label.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
function ulid(ms, label) {
  let time = '';
  for (let rest = ms, i = 0; i < 10; i++, rest = Math.floor(rest / 32)) {
    time = CROCKFORD[rest % 32] + time;
  }
  let random = 0n;
  for (const byte of digest(label).subarray(0, 10)) random = (random << 8n) | BigInt(byte);
  let tail = '';
  for (let i = 0; i < 16; i++, random >>= 5n) tail = CROCKFORD[Number(random & 31n)] + tail;
  return time + tail;
}
const iso = (sec) => new Date(sec * 1000).toISOString();

function event(type, label, job) {
  const created = NOW - 2;
  const base = {
    id: `job_${ulid((NOW - 90) * 1000, `job ${label}`)}`,
    object: 'job',
    job_type: 'SendWelcomeEmail',
    queue: 'default',
    state: 'succeeded',
    payload: { user_id: 'usr_42', email: 'ada@example.com' },
    result: null,
    tags: ['onboarding'],
    attempts: 1,
    max_attempts: 3,
    progress: null,
    last_error: null,
    run_at: null,
    created_at: iso(NOW - 90),
    updated_at: iso(created),
    started_at: iso(NOW - 30),
    finished_at: iso(created),
  };
  return {
    id: `evt_${ulid(created * 1000, `event ${label}`)}`,
    object: 'event',
    type,
    created_at: iso(created),
    data: { job: { ...base, ...job } },
  };
}

const succeeded = event('job.succeeded', 'succeeded', {
  result: { message_id: 'msg_7f3a' },
  progress: { percent: 100, message: 'sent', updated_at: iso(NOW - 3) },
});
const failed = event('job.failed', 'failed', {
  job_type: 'ChargeCard',
  queue: 'billing',
  state: 'failed',
  payload: { invoice_id: 'inv_981', amount_cents: 4200 },
  attempts: 3,
  last_error: { message: 'card_declined: insufficient funds', type: 'PaymentError' },
  tags: ['billing', 'retry-exhausted'],
});
const cancelled = event('job.cancelled', 'cancelled', {
  job_type: 'GenerateReport',
  state: 'cancelled',
  payload: { report: 'monthly' },
  attempts: 0,
  tags: [],
  run_at: iso(NOW + 3600),
  started_at: null,
});
const unicode = event('job.succeeded', 'unicode', {
  payload: { name: 'Zoë Müller', greeting: 'Grüße aus Köln, café ☕ 🎉' },
  result: { note: 'envoyé ✓ 👍' },
});

const pretty = (value) => JSON.stringify(value, null, 2);
const body = pretty(succeeded);
const compact = JSON.stringify(failed);
const v1 = sign(SECRET, NOW, body);
const notAnEvent = pretty({ id: 'evt_x', object: 'job' });
const noJob = pretty({ ...cancelled, data: {} });

const vectors = [
  ['valid', body, header(NOW, body), 'valid'],
  ['valid_compact_body', compact, header(NOW, compact), 'valid'],
  ['valid_cancelled_event', pretty(cancelled), header(NOW, pretty(cancelled)), 'valid'],
  [
    'valid_secret_rotation_second_entry_matches_second_secret',
    body,
    `t=${NOW},v1=${sign(RETIRED, NOW, body)},v1=${sign(SECONDARY, NOW, body)}`,
    'valid',
    [SECRET, SECONDARY],
  ],
  [
    'valid_secret_rotation_header_single_secret',
    body,
    `t=${NOW},v1=${sign(SECONDARY, NOW, body)},v1=${v1}`,
    'valid',
  ],
  ['valid_unknown_schemes_ignored', body, `t=${NOW},v0=${'0'.repeat(64)},v1=${v1},v2=abc`, 'valid'],
  ['valid_whitespace_around_items', body, `  t = ${NOW} ,  v1 = ${v1}  ,v0= x `, 'valid'],
  // Flare writes lower case; a receiver accepts either (decision 0001: strict output, tolerant input).
  ['valid_upper_case_hex', body, `t=${NOW},v1=${v1.toUpperCase()}`, 'valid'],
  ['valid_non_ascii_utf8', pretty(unicode), header(NOW, pretty(unicode)), 'valid'],
  ['valid_at_tolerance_past', body, header(NOW - TOLERANCE, body), 'valid'],
  ['valid_at_tolerance_future', body, header(NOW + TOLERANCE, body), 'valid'],
  [
    'tampered_body',
    body.replace('"attempts": 1', '"attempts": 2'),
    header(NOW, body),
    'no_matching_signature',
  ],
  ['tampered_timestamp', body, `t=${NOW - 1},v1=${v1}`, 'no_matching_signature'],
  ['signed_with_another_secret', body, header(NOW, body, STRANGER), 'no_matching_signature'],
  [
    'rotation_list_without_the_signing_secret',
    body,
    header(NOW, body, SECONDARY),
    'no_matching_signature',
    [SECRET, RETIRED],
  ],
  ['reserialised_body', JSON.stringify(succeeded), header(NOW, body), 'no_matching_signature'],
  ['too_old', body, header(NOW - TOLERANCE - 1, body), 'timestamp_too_old'],
  ['too_new', body, header(NOW + TOLERANCE + 1, body), 'timestamp_too_new'],
  ['too_old_and_forged', body, header(NOW - 3600, body, STRANGER), 'no_matching_signature'],
  ['too_old_and_not_an_event', '[1,2]', header(NOW - 3600, '[1,2]'), 'timestamp_too_old'],
  ['missing_header', body, null, 'missing_header'],
  ['empty_header', body, '', 'missing_header'],
  ['garbled_header', body, 'nonsense', 'malformed_header'],
  ['header_without_t', body, `v1=${v1}`, 'malformed_header'],
  ['element_not_key_value', body, `t=${NOW},v1=${v1},garbage`, 'malformed_header'],
  ['empty_element', body, `t=${NOW},,v1=${v1}`, 'malformed_header'],
  ['header_without_v1', body, `t=${NOW}`, 'malformed_header'],
  ['header_only_unknown_schemes', body, `t=${NOW},v0=${v1},v2=${v1}`, 'malformed_header'],
  ['v1_not_hex', body, `t=${NOW},v1=${'z'.repeat(64)}`, 'malformed_header'],
  ['v1_wrong_length', body, `t=${NOW},v1=${v1.slice(0, 40)}`, 'malformed_header'],
  ['t_not_an_integer', body, `t=${NOW}.5,v1=${v1}`, 'malformed_header'],
  ['t_negative', body, `t=-${NOW},v1=${v1}`, 'malformed_header'],
  ['duplicate_t', body, `t=${NOW},t=${NOW},v1=${v1}`, 'malformed_header'],
  ['json_array_body', '[1,2]', header(NOW, '[1,2]'), 'invalid_payload'],
  ['non_json_body', 'not json', header(NOW, 'not json'), 'invalid_payload'],
  ['empty_body', '', header(NOW, ''), 'invalid_payload'],
  ['json_object_not_an_event', notAnEvent, header(NOW, notAnEvent), 'invalid_payload'],
  ['event_without_job', noJob, header(NOW, noJob), 'invalid_payload'],
].map(([name, payload, hdr, expect, secrets = [SECRET]]) => ({
  name,
  payload,
  header: hdr,
  secrets,
  now: NOW,
  expect,
  ...(name === 'reserialised_body' ? { message_includes: 're-serialised' } : {}),
}));

const file = {
  description:
    'Flare webhook verification vectors (zeridion-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 ' +
    'of "<t>." + raw body, keyed with the UTF-8 bytes of the whole secret>). Call the verifier ' +
    'with payload, header, secrets, now (unix seconds) and tolerance_sec; "expect" is "valid" ' +
    '(resolves to JSON.parse(payload)) or the WebhookVerificationError reason. Generated by ' +
    'scripts/generate-webhook-vectors.mjs; do not edit by hand.',
  secret: SECRET,
  secondary_secret: SECONDARY,
  now: NOW,
  tolerance_sec: TOLERANCE,
  vectors,
};
const text = `${JSON.stringify(file, null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(OUT, 'utf8');
  } catch {}
  if (current !== text) {
    console.error(
      'spec/webhook-vectors.json is stale: run node scripts/generate-webhook-vectors.mjs',
    );
    process.exit(1);
  }
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${vectors.length} vectors to spec/webhook-vectors.json`);
}
