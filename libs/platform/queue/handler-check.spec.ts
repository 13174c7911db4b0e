import { handlerProblems } from './handler-check.js';

describe('the worker refuses to start unless every job has exactly one handler', () => {
  it('accepts one handler per job', () => {
    expect(handlerProblems(['check-conflicts', 'send-email'], ['send-email', 'check-conflicts'])).toEqual([]);
  });

  it('names a job with no handler', () => {
    expect(handlerProblems(['check-conflicts', 'send-email'], ['send-email'])).toEqual([
      'job "check-conflicts" has no handler',
    ]);
  });

  it('names a job with two handlers', () => {
    expect(handlerProblems(['send-email'], ['send-email', 'send-email'])).toEqual(['job "send-email" has 2 handlers']);
  });

  it('names a handler for a job that does not exist', () => {
    expect(handlerProblems([], ['retired-job'])).toEqual(['a handler is declared for unknown job "retired-job"']);
  });
});
