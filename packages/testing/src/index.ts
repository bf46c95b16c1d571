// Scaffolding: @flare/testing gets its fake server in its own issue.
export {};
