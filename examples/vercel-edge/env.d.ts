// Vercel's Edge runtime has `process.env` (and nothing else of `process`).
declare const process: { env: Record<string, string | undefined> };
