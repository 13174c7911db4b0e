// How node runs the API and the worker wherever they start: `npm start` (scripts/start.mjs), the bench
// (scripts/lib/bench/http.mjs) and the tests that start the built processes. The image runs the same flags
// (Dockerfile, docker-compose.yml; test/processes.test.ts checks that they agree).
//   --max-semi-space-size=2   a young generation of 2 MB semi-spaces instead of 16 MB: short-lived objects
//                             (most of a request's) are collected before the heap has grown around them
//   --max-old-space-size=512  besides the limit, V8 lets the heap grow 1.4 times its live size between full
//                             collections instead of up to 4 times (it scales the factor with the limit);
//                             the API's live heap is about 70 MB, and about 20 MB more for each take-up report
//                             of 100,000 councils in progress
// The CLI is not a service and runs without them: an import holds its whole file in memory.
export const SERVICE_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=2', '--max-old-space-size=512'];
