// Checks for what the rep types to find or create a person: close to what the background's
// schemas accept (they check again), so mistakes are named before anything is sent.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[+()\d\s.-]+$/;

/** An email address the background will take (trimmed input). */
export const isEmail = (email: string) => email.length <= 254 && EMAIL.test(email);

/** A phone number the background will search by: digits and separators, 7 to 40 characters, at least 7 digits. */
export const isPhone = (phone: string) => phone.length >= 7 && phone.length <= 40 && PHONE.test(phone) && phone.replace(/\D/g, '').length >= 7;

/** A company for a new Lead: the email's domain, which the rep can change. */
export const companyFromEmail = (email: string) => {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).trim();
};
