// Types of node-flags.mjs for the TypeScript tests that start the built API and worker.
export const SERVICE_NODE_FLAGS: string[];
