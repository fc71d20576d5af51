import { registerDecorator, type ValidationOptions } from 'class-validator';

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A DNS name as organizations use it for usernames: lower case, at least two labels of letters, digits and inner
 * hyphens (1 to 63 characters each), at most 253 characters, and a top-level label that is not all digits.
 * Returns the lower-cased name, or null when it is not one. A trailing dot (the DNS root) is dropped.
 */
export function normalizeInternetDomainName(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const name = input.trim().toLowerCase().replace(/\.$/, '');
  if (name.length === 0 || name.length > 253) return null;
  const labels = name.split('.');
  if (labels.length < 2) return null;
  if (!labels.every((label) => LABEL.test(label))) return null;
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return name;
}

/** class-validator rule: a DNS name (any case; services store it lower-cased). */
export function IsInternetDomainName(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isDomainName',
      target: target.constructor,
      propertyName: String(propertyName),
      ...(options ? { options } : {}),
      validator: {
        validate: (value: unknown) => normalizeInternetDomainName(value) !== null,
        defaultMessage: (args) => `${args?.property ?? 'domain'} must be a DNS name such as contoso.com`,
      },
    });
  };
}
