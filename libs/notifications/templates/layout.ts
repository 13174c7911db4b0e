/**
 * The look of every email: plain, like GOV.UK Notify — one column, Arial, black text, a dark header bar, links
 * underlined — with a plain-text part that says the same. Handlebars escapes every value in the HTML part.
 */
export const HTML_LAYOUT = `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:19px;line-height:1.4;color:#0b0c0c">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse">
<tr><td style="background:#0b0c0c;padding:12px 20px;color:#ffffff;font-weight:bold;font-size:20px">LGA Peer Challenge</td></tr>
<tr><td style="padding:20px;max-width:580px">
<h1 style="font-size:27px;margin:0 0 20px">{{heading}}</h1>
{{#each paragraphs}}<p style="margin:0 0 16px">{{this}}</p>
{{/each}}{{#if facts.length}}<table role="presentation" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 16px">
{{#each facts}}<tr><td style="padding:4px 16px 4px 0;font-weight:bold;vertical-align:top">{{label}}</td><td style="padding:4px 0">{{value}}</td></tr>
{{/each}}</table>
{{/if}}{{#if link}}<p style="margin:0 0 16px"><a href="{{link.url}}" style="color:#1d70b8;text-decoration:underline">{{link.text}}</a></p>
{{/if}}<p style="margin:24px 0 0;font-size:16px;color:#505a5f">{{footer}}</p>
</td></tr>
</table>
</body>
</html>
`;

export const TEXT_LAYOUT = `{{heading}}

{{#each paragraphs}}{{this}}

{{/each}}{{#each facts}}{{label}}: {{value}}
{{/each}}{{#if facts.length}}
{{/if}}{{#if link}}{{link.text}}: {{link.url}}

{{/if}}---
{{footer}}
`;
