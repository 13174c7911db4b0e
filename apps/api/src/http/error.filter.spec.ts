import { NotFoundException } from '@nestjs/common';
import { Busy, Declined, Duplicate, fieldError, NotFound, NotPermitted, Refused, Stale } from '#libs/platform';
import { fieldProblems, reasonsOf, statusOf } from '../web/forms.js';
import { toErrorBody } from './error.filter.js';

describe('domain errors in the contract', () => {
  it('says an unknown thing as a 404, a refusal as a 422 with its reasons, a stale read as a 409 with the version', () => {
    expect(
      toErrorBody(fieldError('onsiteEnd', 'The last day on site must be the same as or after the first day')),
    ).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'The last day on site must be the same as or after the first day',
      details: [{ field: 'onsiteEnd', problems: ['The last day on site must be the same as or after the first day'] }],
    });
    expect(fieldProblems(fieldError('sort', 'sort must be one of: changed, visit'))).toEqual({
      sort: 'sort must be one of: changed, visit',
    });
    expect(toErrorBody(new NotFound('No case has the id x'))).toEqual({
      statusCode: 404,
      error: 'Not Found',
      message: 'No case has the id x',
    });
    expect(toErrorBody(new Refused(['The team needs a lead member peer.', 'It has no finance expertise.']))).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The team needs a lead member peer. It has no finance expertise.',
      details: { reasons: ['The team needs a lead member peer.', 'It has no finance expertise.'] },
    });
    expect(toErrorBody(new Duplicate('A peer with the email address a@b.org already exists'))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'A peer with the email address a@b.org already exists',
    });
    expect(toErrorBody(new Busy('A plan is being computed already')).statusCode).toBe(409);
    // A refusal in one sentence is that message alone; one with reasons may say them in a sentence of its own.
    expect(toErrorBody(new Declined('The security code is not correct'))).toEqual({
      statusCode: 422,
      error: 'Unprocessable Entity',
      message: 'The security code is not correct',
    });
    expect(toErrorBody(new Refused(['One', 'Two'], 'One; Two'))).toMatchObject({
      message: 'One; Two',
      details: { reasons: ['One', 'Two'] },
    });
    expect(toErrorBody(new NotPermitted('Admins must keep two-factor authentication'))).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Admins must keep two-factor authentication',
    });
    expect(toErrorBody(new Stale('Read it again', 7))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Read it again',
      details: { currentVersion: 7 },
      version: 7,
    });
  });

  it('lets the pages judge a domain error and an HTTP one alike, and a fault of ours as a 500', () => {
    expect(statusOf(new Refused(['No.']))).toBe(422);
    expect(statusOf(new NotFoundException('gone'))).toBe(404);
    expect(statusOf(new Error('a bug'))).toBe(500);
    expect(reasonsOf(new Refused(['First.', 'Second.']))).toEqual(['First.', 'Second.']);
    expect(reasonsOf(new NotFoundException('gone'))).toEqual(['gone']);
  });
});
