/**
 * Password rules, following NCSC guidance: length matters, composition rules ("one capital, one
 * symbol") do not, and passwords that are easy to guess are refused. Messages are GOV.UK style.
 */

export const PASSWORD_MIN_LENGTH = 12
export const PASSWORD_MAX_LENGTH = 256

// Only the part of a name or email long enough to be a real clue is checked: refusing every
// password containing "jo" or "li" would refuse good passwords for no gain.
const MIN_PERSONAL_LENGTH = 4

/** Some of the most common passwords long enough to pass the length rule (lower case). */
const COMMON_PASSWORDS = new Set([
  'password1234',
  'password12345',
  'password123456',
  'passwordpassword',
  'passw0rd1234',
  'p@ssw0rd1234',
  'p@ssword1234',
  '123456789012',
  '1234567890123',
  '12345678901234',
  '123456123456',
  '1234567890qwerty',
  'qwertyuiopas',
  'qwertyuiop12',
  'qwertyuiop123',
  'qwerty123456',
  'qwertyqwerty',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde3',
  'asdfghjkl123',
  'abcdefghijkl',
  'abc123456789',
  'letmein12345',
  'iloveyou1234',
  'welcome12345',
  'changeme1234',
  'administrator',
  'admin1234567',
  'football1234',
  'monkey123456',
  'sunshine1234',
  'princess1234',
  'trustno12345',
  'correcthorsebatterystaple',
])

function personalParts(value: string, separators: RegExp): string[] {
  const lower = value.toLowerCase().trim()
  const parts = [lower, lower.replace(/\s+/g, ''), ...lower.split(separators)]
  return [...new Set(parts.map(p => p.trim()))].filter(p => [...p].length >= MIN_PERSONAL_LENGTH)
}

/** An error message for a password that breaks the rules, or null if it is acceptable. */
export function checkPassword(
  password: string,
  person: { email?: string | null; name?: string | null } = {},
): string | null {
  if (password === '') return 'Enter a password'
  // Count characters as people see them: an emoji is one character, not two UTF-16 units.
  const length = [...password].length
  if (length < PASSWORD_MIN_LENGTH) return `Password must be ${PASSWORD_MIN_LENGTH} characters or more`
  if (length > PASSWORD_MAX_LENGTH) return `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`
  if (new Set(password).size === 1) return 'Password must not be the same character repeated'

  const lower = password.toLowerCase()
  if (COMMON_PASSWORDS.has(lower)) return 'Password is too easy to guess. Choose a password that is harder to guess'

  const localPart = person.email ? person.email.split('@')[0] : ''
  if (personalParts(localPart, /[._+-]/).some(p => lower.includes(p))) {
    return 'Password must not include your email address'
  }
  if (person.name && personalParts(person.name, /[\s'-]+/).some(p => lower.includes(p))) {
    return 'Password must not include your name'
  }
  return null
}
