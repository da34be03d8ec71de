import type { Application } from 'express'
import request from 'supertest'
import type TestAgent from 'supertest/lib/agent'
import { $ } from './html'

export type Agent = TestAgent

export const newAgent = (app: Application): Agent => request.agent(app)

/** Reads the CSRF token from the first form of a page, as a browser would submit it. */
export function csrfTokenFrom(html: string): string {
  const token = $(html)('input[name="_csrf"]').first().val()
  if (typeof token !== 'string' || !token) throw new Error('No CSRF token on the page')
  return token
}

/** GETs a page, then POSTs a form to it (or to `action`) with that page's CSRF token. */
export async function submitForm(
  agent: Agent,
  pageUrl: string,
  fields: Record<string, string | string[]>,
  action = pageUrl,
) {
  const page = await agent.get(pageUrl)
  const body = new URLSearchParams()
  body.append('_csrf', csrfTokenFrom(page.text))
  Object.entries(fields).forEach(([name, value]) =>
    (Array.isArray(value) ? value : [value]).forEach(v => body.append(name, v)),
  )
  return agent.post(action).type('form').send(body.toString())
}

export async function signIn(agent: Agent, email: string, password: string) {
  const response = await submitForm(agent, '/sign-in', { email, password })
  if (response.status !== 302) throw new Error(`Sign-in failed with ${response.status}`)
  return response
}
