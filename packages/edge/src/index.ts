// Scaffolding: @flare/edge gets its Workers / Vercel Edge build in its own issue.
export {};
