import { BadRequestException } from '@nestjs/common';
import { EVENT_BODIES, type CaseEventDto, type EventInput } from '#libs/cases';
import { validationPipe } from '../http/validation.js';

const EVENT_TYPES = Object.keys(EVENT_BODIES);
const bodyPipe = validationPipe();

/** Checks an event body against the class for its type: 400 naming each bad field. */
export async function validEvent(body: unknown): Promise<CaseEventDto & EventInput> {
  const type = (body as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !EVENT_TYPES.includes(type)) {
    const problem = `type must be one of: ${EVENT_TYPES.join(', ')}`;
    throw new BadRequestException({ message: problem, details: [{ field: 'type', problems: [problem] }] });
  }
  const metatype = EVENT_BODIES[type as keyof typeof EVENT_BODIES]!;
  return (await bodyPipe.transform(body, { type: 'body', metatype })) as CaseEventDto & EventInput;
}
