// Masks personal data and credentials inside free text (log messages, error messages and stacks),
// where redaction by field path cannot reach. Kept recognisable for whoever reads the log
// (b***@herald.test, +*******4567), never readable.
export type Masker = (text: string) => string;

const EMAIL = /([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g;
// E.164 numbers (what Herald stores and sends to): + and 7 to 15 digits, separators allowed.
const PHONE = /\+[1-9](?:[\s().-]?\d){6,14}\b/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
// user:password@ in connection strings (postgres://, redis://).
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]*:)[^\s@/]+@/gi;
// Provider keys that have a recognisable shape: SendGrid (SG.…), Twilio auth/API secrets are hex.
const SENDGRID_KEY = /\bSG\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g;

export function maskText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join("[secret]");
  return out
    .replace(BEARER, "$1 [redacted]")
    .replace(URL_PASSWORD, "$1[redacted]@")
    .replace(SENDGRID_KEY, "[secret]")
    .replace(EMAIL, "$1***@$2")
    .replace(PHONE, (phone) => {
      const digits = phone.replace(/\D/g, "");
      return `+${"*".repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
    });
}
