/** Replaces invitation and reset tokens in a text once it no longer needs them (as agency links are). */
export function redactAccountLinkTokens(text: string): string {
  return text.replace(/\/(invitation|reset-password)\/[A-Za-z0-9_-]{20,}/g, '/$1/[link removed]')
}
