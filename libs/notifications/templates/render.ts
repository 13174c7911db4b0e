import Handlebars from 'handlebars';
import { HTML_LAYOUT, TEXT_LAYOUT } from './layout.js';

/** What an email says, before it is laid out: the same content makes the HTML and the plain-text part. */
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  facts?: Array<{ label: string; value: string }>;
  link?: { text: string; url: string };
  footer?: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

const html = Handlebars.compile(HTML_LAYOUT, { strict: false });
const text = Handlebars.compile(TEXT_LAYOUT, { noEscape: true, strict: false });

const DEFAULT_FOOTER = 'Sent by the Local Government Association peer challenge programme.';

/** One line, no control characters: what may go in a subject header. */
const oneLine = (value: string) => value.replace(/[\r\n\t]+/g, ' ').trim();

export function renderEmail(content: EmailContent): RenderedEmail {
  const data = { facts: [], footer: DEFAULT_FOOTER, ...content, subject: oneLine(content.subject) };
  return { subject: data.subject, html: html(data), text: text(data) };
}
