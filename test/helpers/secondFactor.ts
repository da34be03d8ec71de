import { NodeCryptoPlugin } from '@otplib/plugin-crypto-node'
import { generateSync } from '@otplib/totp'
import * as cheerio from 'cheerio/slim'
import { base32Decode, base32Encode } from '../../src/domain/base32'

const plugins = {
  crypto: new NodeCryptoPlugin(),
  base32: { name: 'rfc4648', encode: base32Encode, decode: base32Decode },
}

/** The code an authenticator app shows for `secret` (as shown on the set-up page), `offsetSeconds` from now. */
export function totpCode(secret: string, offsetSeconds = 0): string {
  return generateSync({
    ...plugins,
    secret: secret.replace(/\s/g, ''),
    epoch: Math.floor(Date.now() / 1000) + offsetSeconds,
  })
}

/** The key printed on the set-up page, as a person would type it into their app. */
export function secretFrom(html: string): string {
  return cheerio.load(html)('[data-secret]').text().replace(/\s/g, '')
}

export function recoveryCodesFrom(html: string): string[] {
  const $ = cheerio.load(html)
  return $('[data-recovery-codes] code')
    .map((_i, el) => $(el).text())
    .get()
}
