/** An address with an optional display name, as nodemailer takes it. */
export interface Mailbox {
  name: string;
  address: string;
}

/** Deliberately simple: one @, no spaces or angle brackets, a dot in the domain (or a single-label local host). */
const ADDRESS = /^[^\s<>@",;]+@[^\s<>@",;]+$/;

export function isMailAddress(value: string): boolean {
  return ADDRESS.test(value) && value.length <= 254;
}

/**
 * Reads `MAIL_FROM`-style text: `no-reply@broker.example`, `Cloud Broker <no-reply@broker.example>` or
 * `"Cloud Broker" <no-reply@broker.example>`. Null when it is none of these.
 */
export function parseMailbox(text: string): Mailbox | null {
  const trimmed = text.trim();
  const bracketed = /^(?:"([^"]*)"|([^<>"]*?))\s*<([^<>]+)>$/.exec(trimmed);
  if (bracketed) {
    const address = bracketed[3]!.trim();
    return isMailAddress(address) ? { name: (bracketed[1] ?? bracketed[2] ?? '').trim(), address } : null;
  }
  return isMailAddress(trimmed) ? { name: '', address: trimmed } : null;
}

/** The domain part of an address: the right-hand side of the Message-ID headers this service writes. */
export function internetDomainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** A display name can never break a header: control characters and line breaks become spaces. */
export function displayName(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}
