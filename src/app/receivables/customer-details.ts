import { maskEmail, maskPhone } from '../../core/auth/masking.js';
import type { FieldIssue } from '../../core/errors.js';
import { limits } from '../../core/limits.js';
import { can, type Actor } from '../actor.js';
import type { CustomerContact } from '../schema.js';

/** Contacts, tags and free text of a customer: how they are cleaned on the way in and masked on the way out. */
export interface ContactInput {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
}

/** Phone and e-mail of contacts are shown masked to anyone without sensitive.view. */
export function contactsFor(actor: Actor, contacts: readonly CustomerContact[]): CustomerContact[] {
  const full = can(actor, 'sensitive.view');
  return contacts.map((c) => ({
    name: c.name,
    ...(c.title !== undefined ? { title: c.title } : {}),
    ...(c.phone !== undefined ? { phone: full ? c.phone : maskPhone(c.phone) } : {}),
    ...(c.email !== undefined ? { email: full ? c.email : maskEmail(c.email) } : {}),
  }));
}

/**
 * Contacts as they will be stored. Someone who only ever saw masked values sends them back when they edit
 * another field of the list: a value equal to the mask of a stored one keeps the stored one, so an edit
 * never overwrites a real number with asterisks.
 */
export function cleanContacts(actor: Actor, input: readonly ContactInput[], stored: readonly CustomerContact[], issues: FieldIssue[]): CustomerContact[] {
  const masked = !can(actor, 'sensitive.view');
  const unmask = (value: string, kind: 'phone' | 'email'): string => {
    if (!masked) return value;
    const mask = kind === 'phone' ? maskPhone : maskEmail;
    return stored.map((c) => c[kind]).find((real): real is string => real !== undefined && mask(real) === value) ?? value;
  };
  return input.map((c, index) => {
    const name = c.name.trim();
    if (name === '') issues.push({ field: `contacts[${index}].name`, code: 'validation_failed', message: 'a contact has a name' });
    const title = c.title?.trim();
    const phone = c.phone?.trim();
    const email = c.email?.trim();
    if (phone !== undefined && phone.includes('*') && unmask(phone, 'phone') === phone) {
      issues.push({ field: `contacts[${index}].phone`, code: 'validation_failed', message: 'a masked phone number that matches none stored: send the full number' });
    }
    if (email !== undefined && email.includes('*') && unmask(email, 'email') === email) {
      issues.push({ field: `contacts[${index}].email`, code: 'validation_failed', message: 'a masked e-mail address that matches none stored: send the full address' });
    }
    return {
      name,
      ...(title ? { title } : {}),
      ...(phone ? { phone: unmask(phone, 'phone') } : {}),
      ...(email ? { email: unmask(email, 'email') } : {}),
    };
  });
}

/** Tags trimmed, blank ones refused, duplicates dropped (first spelling kept), at most customerTagsMax. */
export function cleanTags(input: readonly string[], issues: FieldIssue[]): string[] {
  const out: string[] = [];
  input.forEach((raw, index) => {
    const tag = raw.trim();
    if (tag === '') issues.push({ field: `tags[${index}]`, code: 'validation_failed', message: 'a tag is not blank' });
    else if (!out.includes(tag)) out.push(tag);
  });
  if (out.length > limits.customerTagsMax) issues.push({ field: 'tags', code: 'validation_failed', message: `at most ${limits.customerTagsMax} tags` });
  return out;
}
