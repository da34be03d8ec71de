import fc from 'fast-check'
import { checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../../src/domain/passwordPolicy'

const TOO_SHORT = 'Password must be 12 characters or more'
const TOO_LONG = 'Password must be 256 characters or fewer'
const REPEATED = 'Password must not be the same character repeated'
const COMMON = 'Password is too easy to guess. Choose a password that is harder to guess'
const EMAIL = 'Password must not include your email address'
const NAME = 'Password must not include your name'

describe('checkPassword', () => {
  it('asks for a password when there is none', () => {
    expect(checkPassword('')).toBe('Enter a password')
  })

  it('needs at least 12 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12)
    expect(checkPassword('tangerine42')).toBe(TOO_SHORT) // 11
    expect(checkPassword('tangerine427')).toBeNull() // 12
    expect(checkPassword('short')).toBe(TOO_SHORT)
  })

  it('counts characters, not UTF-16 code units', () => {
    // 11 emoji are 22 code units but 11 characters.
    expect(checkPassword('🍊🍋🍎🍏🍐🍑🍒🍓🥝🍅🥥')).toBe(TOO_SHORT)
    expect(checkPassword('🍊🍋🍎🍏🍐🍑🍒🍓🥝🍅🥥🥑')).toBeNull()
  })

  it('allows at most 256 characters', () => {
    expect(PASSWORD_MAX_LENGTH).toBe(256)
    const base = 'correct horse battery staple '
    const long = base.repeat(10)
    expect(checkPassword(long.slice(0, 256))).toBeNull()
    expect(checkPassword(long.slice(0, 257))).toBe(TOO_LONG)
  })

  it('refuses the same character repeated', () => {
    expect(checkPassword('aaaaaaaaaaaa')).toBe(REPEATED)
    expect(checkPassword('            ')).toBe(REPEATED)
    expect(checkPassword('1'.repeat(40))).toBe(REPEATED)
    expect(checkPassword('aaaaaaaaaaab')).toBeNull()
  })

  it.each([
    'password1234',
    'Password1234',
    'PASSWORD1234',
    '123456789012',
    'qwertyuiopas',
    'letmein12345',
    'iloveyou1234',
    'P@ssw0rd1234',
    'correcthorsebatterystaple',
  ])('refuses the common password %j', password => {
    expect(checkPassword(password)).toBe(COMMON)
  })

  it('refuses a password containing the email local part', () => {
    const email = 'jo.bloggs@example.gov.uk'
    expect(checkPassword('my jo.bloggs password', { email })).toBe(EMAIL)
    expect(checkPassword('JO.BLOGGS-is-great', { email })).toBe(EMAIL)
    expect(checkPassword('bloggs-family-holiday', { email })).toBe(EMAIL) // a part of 4 characters or more
    expect(checkPassword('jojojo-river-stone', { email })).toBeNull() // "jo" is too short to matter
    expect(checkPassword('example-gov-stone', { email })).toBeNull() // the domain is not personal
  })

  it('ignores a short email local part', () => {
    expect(checkPassword('abc-river-stone', { email: 'abc@example.com' })).toBeNull()
    expect(checkPassword('abcd-river-stone', { email: 'abcd@example.com' })).toBe(EMAIL)
  })

  it('refuses a password containing the name', () => {
    const name = 'Alexandra Smith-Jones'
    expect(checkPassword('alexandra-river-stone', { name })).toBe(NAME)
    expect(checkPassword('river SMITH stone', { name })).toBe(NAME)
    expect(checkPassword('river-jones-stone', { name })).toBe(NAME)
    expect(checkPassword('alexandrasmith-jones99', { name })).toBe(NAME)
    expect(checkPassword('river-stone-lake', { name })).toBeNull()
  })

  it('ignores names shorter than 4 characters', () => {
    expect(checkPassword('river-stone-bob', { name: 'Bob Li' })).toBeNull()
    expect(checkPassword('bobli-river-stone', { name: 'Bob Li' })).toBe(NAME) // "bobli" written together
  })

  it('copes with missing or empty personal details', () => {
    expect(checkPassword('river-stone-lake', { email: null, name: null })).toBeNull()
    expect(checkPassword('river-stone-lake', { email: '', name: '' })).toBeNull()
    expect(checkPassword('river-stone-lake', { email: 'not an email' })).toBeNull()
  })

  it('has no composition rules', () => {
    expect(checkPassword('all lower case words here')).toBeNull()
    expect(checkPassword('493817264501')).toBeNull()
    expect(checkPassword('NOLOWERCASEATALL')).toBeNull()
  })

  it('accepts any long, varied password with no personal details', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12, maxLength: 200 }), password => {
        fc.pre(new Set(password).size > 1 && [...password].length >= 12)
        const result = checkPassword(password)
        expect(result === null || result === COMMON).toBe(true)
      }),
    )
  })
})
