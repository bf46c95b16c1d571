// The shared webhook vectors (spec/webhook-vectors.json), typed.
import vectorFile from '../../../spec/webhook-vectors.json' with { type: 'json' };

/** One case of spec/webhook-vectors.json. */
export interface WebhookVector {
  name: string;
  payload: string;
  header: string | null;
  secrets: string[];
  now: number;
  expect: string;
  message_includes?: string;
}

/** spec/webhook-vectors.json. */
export interface WebhookVectorFile {
  description: string;
  secret: string;
  secondary_secret: string;
  now: number;
  tolerance_sec: number;
  vectors: WebhookVector[];
}

/** spec/webhook-vectors.json, typed. */
export const webhookVectors = vectorFile as WebhookVectorFile;
