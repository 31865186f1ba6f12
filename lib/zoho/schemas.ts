// zod schemas for the Zoho responses the extension reads (reference/zoho-api.md §3, checked
// against zoho-oas-v8). Unknown fields pass through: Zoho adds fields often, and we only rely on
// the ones named here.
import { z } from 'zod';

export const zohoErrorBody = z.object({
  code: z.string(),
  message: z.string().optional(),
  status: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ZohoErrorBody = z.infer<typeof zohoErrorBody>;

/** Token endpoint answers: Zoho reports errors in the body, sometimes with HTTP 200. */
export const tokenErrorBody = z.object({ error: z.string(), error_description: z.string().optional() });

export const tokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  api_domain: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

const idName = z.object({ id: z.string(), name: z.string().nullish() });

export const zohoUser = z.object({
  id: z.string(),
  full_name: z.string(),
  email: z.string().nullish(),
  profile: z.object({ id: z.string(), name: z.string() }).nullish(),
  role: z.object({ id: z.string(), name: z.string() }).nullish(),
  time_zone: z.string().nullish(),
  locale: z.string().nullish(),
  time_format: z.string().nullish(),
});
export type ZohoUser = z.infer<typeof zohoUser>;
export const currentUserResponse = z.object({ users: z.array(zohoUser).min(1) });

export const zohoOrg = z.object({
  id: z.string(),
  company_name: z.string().nullish(),
  domain_name: z.string().nullish(),
  zgid: z.string().nullish(),
  time_zone: z.string().nullish(),
  license_details: z.object({ paid_type: z.string().nullish(), users_license_purchased: z.number().nullish() }).nullish(),
});
export type ZohoOrg = z.infer<typeof zohoOrg>;
export const orgResponse = z.object({ org: z.array(zohoOrg).min(1) });

export const zohoRecord = z
  .object({
    id: z.string(),
    Owner: idName.extend({ email: z.string().nullish() }).nullish(),
    Full_Name: z.string().nullish(),
    First_Name: z.string().nullish(),
    Last_Name: z.string().nullish(),
    Deal_Name: z.string().nullish(),
    // On Accounts it is the name; on Contacts and Deals a lookup to the account.
    Account_Name: z.union([z.string(), idName]).nullish(),
    Subject: z.string().nullish(),
    Event_Title: z.string().nullish(),
    Name: z.string().nullish(),
    Email: z.string().nullish(),
    Contact_Name: idName.nullish(),
  })
  .passthrough();
export type ZohoRecord = z.infer<typeof zohoRecord>;
export const recordResponse = z.object({ data: z.array(zohoRecord).min(1) });

/** The display name of a record, whatever its module. */
export function recordDisplayName(record: ZohoRecord): string {
  const fullName = record.Full_Name ?? [record.First_Name, record.Last_Name].filter(Boolean).join(' ');
  const accountName = typeof record.Account_Name === 'string' ? record.Account_Name : null;
  return record.Deal_Name || fullName || accountName || record.Subject || record.Event_Title || record.Name || record.id;
}
