// One job type, SendWelcomeEmail, defined with each Standard Schema library users reach for.
import { type } from 'arktype';
import * as v from 'valibot';
import { z } from 'zod';
import { defineJob } from '../../src/index.js';

export const definitions = {
  zod: defineJob({
    type: 'SendWelcomeEmail',
    payload: z.object({ email: z.email(), name: z.string(), tags: z.array(z.string()).optional() }),
    result: z.object({ messageId: z.string() }),
  }),
  valibot: defineJob({
    type: 'SendWelcomeEmail',
    payload: v.object({
      email: v.pipe(v.string(), v.email()),
      name: v.string(),
      tags: v.optional(v.array(v.string())),
    }),
    result: v.object({ messageId: v.string() }),
  }),
  arktype: defineJob({
    type: 'SendWelcomeEmail',
    payload: type({ email: 'string.email', name: 'string', 'tags?': 'string[]' }),
    result: type({ messageId: 'string' }),
  }),
};

/** The payload as zod and valibot type it (arktype leaves `| undefined` off `tags`). */
export type Welcome = { email: string; name: string; tags?: string[] | undefined };
