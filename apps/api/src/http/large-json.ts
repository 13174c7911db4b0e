import type { Response } from 'express';

/** Items of the list serialised and written at a time. */
const SLICE = 2000;

/** Waits until the response can take more (true) or the client has gone (false), leaving no listener behind. */
function drained(response: Response): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (more: boolean) => () => {
      response.off('drain', onDrain);
      response.off('close', onClose);
      resolve(more);
    };
    const onDrain = settle(true);
    const onClose = settle(false);
    response.on('drain', onDrain);
    response.on('close', onClose);
  });
}

/**
 * Sends `body` as JSON with its list `key`, which must be its last property, written a slice at a time: the same
 * bytes as Express's `res.json`, without holding the whole text and its buffer at once or hashing them for an
 * ETag. The take-up report over 100,000 councils is 15 MB of JSON (docs/PERFORMANCE.md, memory). Stops as soon
 * as the client has gone, also when it went before the first byte.
 */
export async function sendLargeJson<T extends object>(
  response: Response,
  body: T,
  key: keyof T & string,
): Promise<void> {
  const keys = Object.keys(body);
  if (keys.at(-1) !== key) throw new Error(`sendLargeJson: ${key} must be the last property of the body`);
  const items = body[key] as unknown[];
  const head = JSON.stringify({ ...body, [key]: [] });
  response.status(200).type('application/json; charset=utf-8');
  let text = head.slice(0, -2); // up to the opening bracket of the empty list: …"key":[
  for (let start = 0; start < items.length; start += SLICE) {
    if (response.destroyed) return;
    text += `${start > 0 ? ',' : ''}${JSON.stringify(items.slice(start, start + SLICE)).slice(1, -1)}`;
    if (!response.write(text) && (response.destroyed || !(await drained(response)))) return;
    text = '';
  }
  if (!response.destroyed) response.end(`${text}]}`);
}
