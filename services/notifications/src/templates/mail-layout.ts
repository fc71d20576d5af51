import { headerLine } from './formatting';
import { html, multiline, type SafeHtml } from './html';

/** What every mail of this service is made of; renderMail turns it into the subject, HTML and plain text. */
export interface MailContent {
  subject: string;
  heading: string;
  /** One or more paragraphs separated by blank lines. */
  intro: string;
  facts: readonly (readonly [label: string, value: string])[];
  /** A quoted block, such as the text of a support request. */
  quote?: { label: string; text: string };
  action?: { label: string; url: string };
  closing?: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER = 'This message was sent automatically by the cloud service broker portal.';

const paragraphs = (text: string): string[] => text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);

function renderHtml(content: MailContent, subject: string): SafeHtml {
  const rows = content.facts.map(
    ([label, value]) =>
      html`<tr><th align="left" valign="top" style="padding:4px 12px 4px 0;color:#555;font-weight:600">${label}</th><td style="padding:4px 0">${multiline(value)}</td></tr>`,
  );
  return html`<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${subject}</title></head>
<body style="margin:0;padding:24px;font-family:Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#222;background:#fff">
<h1 style="font-size:20px;margin:0 0 16px">${content.heading}</h1>
${paragraphs(content.intro).map((p) => html`<p style="margin:0 0 12px">${multiline(p)}</p>\n`)}
${rows.length > 0 ? html`<table role="presentation" cellspacing="0" cellpadding="0" style="border-collapse:collapse;margin:8px 0 16px">${rows}</table>` : ''}
${content.quote ? html`<p style="margin:0 0 4px;color:#555;font-weight:600">${content.quote.label}</p><blockquote style="margin:0 0 16px;padding:8px 12px;border-left:3px solid #ccc;white-space:normal">${multiline(content.quote.text)}</blockquote>` : ''}
${content.action ? html`<p style="margin:16px 0"><a href="${content.action.url}" style="display:inline-block;padding:10px 16px;background:#0b5cad;color:#fff;text-decoration:none;border-radius:4px">${content.action.label}</a></p><p style="margin:0 0 16px;color:#555;font-size:12px">${content.action.url}</p>` : ''}
${content.closing ? paragraphs(content.closing).map((p) => html`<p style="margin:0 0 12px">${multiline(p)}</p>\n`) : ''}
<hr style="border:none;border-top:1px solid #ddd;margin:24px 0 8px">
<p style="margin:0;color:#777;font-size:12px">${FOOTER}</p>
</body>
</html>
`;
}

function renderText(content: MailContent): string {
  const lines: string[] = [content.heading, ''];
  for (const p of paragraphs(content.intro)) lines.push(p, '');
  if (content.facts.length > 0) {
    for (const [label, value] of content.facts) lines.push(`${label}: ${value.replace(/\n/g, '\n  ')}`);
    lines.push('');
  }
  if (content.quote) {
    lines.push(`${content.quote.label}:`);
    for (const line of content.quote.text.split('\n')) lines.push(`> ${line}`);
    lines.push('');
  }
  if (content.action) lines.push(`${content.action.label}: ${content.action.url}`, '');
  if (content.closing) for (const p of paragraphs(content.closing)) lines.push(p, '');
  lines.push('-- ', FOOTER, '');
  return lines.join('\n');
}

/** The one renderer: the HTML escapes every value (see html.ts); the plain text carries them as they are. */
export function renderMail(content: MailContent): RenderedMail {
  const subject = headerLine(content.subject);
  return { subject, text: renderText(content), html: renderHtml(content, subject).value };
}
