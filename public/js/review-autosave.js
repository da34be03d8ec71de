/**
 * Autosaves the panel review's text answers while they are typed: every 20 seconds when something
 * changed, and when a field loses focus. Without JavaScript the form's own buttons save everything.
 * The CSRF token travels in the X-CSRF-Token header; the draft's version keeps two people in the
 * meeting from overwriting each other, so on a conflict this stops and asks for a full save.
 */
const INTERVAL_MS = 20000

function start(form) {
  const url = form.getAttribute('data-autosave-url')
  const fields = Array.from(form.querySelectorAll('[data-autosave]'))
  const status = document.getElementById('autosave-status')
  const version = form.querySelector('input[name="version"]')
  const startedFrom = form.querySelector('input[name="started_from"]')
  const token = form.querySelector('input[name="_csrf"]')
  if (!url || !fields.length || !version || !token) return

  const saved = new Map(fields.map(field => [field.name, field.value]))
  let stopped = false
  let inFlight = false

  const say = text => {
    if (status) status.textContent = text
  }
  const changed = () => fields.filter(field => field.value !== saved.get(field.name))

  /** Keeps the started-from answers in step, so a later full save compares against what is stored. */
  const remember = sent => {
    Object.entries(sent).forEach(([name, value]) => saved.set(name, value))
    if (!startedFrom) return
    try {
      const started = JSON.parse(startedFrom.value)
      started.raw = Object.assign(started.raw || {}, sent)
      startedFrom.value = JSON.stringify(started)
    } catch {
      // Leave it: the server then shows every difference, which is safe.
    }
  }

  async function save() {
    if (stopped || inFlight) return
    const dirty = changed()
    if (!dirty.length) return
    const sent = Object.fromEntries(dirty.map(field => [field.name, field.value]))
    inFlight = true
    try {
      const response = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': token.value },
        body: JSON.stringify({ version: Number(version.value), ...sent }),
      })
      const body = await response.json().catch(() => ({}))
      if (response.ok) {
        version.value = String(body.version)
        remember(sent)
        say(`Saved at ${body.savedAt}`)
      } else if (response.status === 409) {
        stopped = true
        say(body.message || 'Someone else saved this review. Select Save draft to see their changes and keep yours')
      } else {
        say(body.message || 'Your latest changes have not been saved yet. Select Save draft to save them')
      }
    } catch {
      say('Your latest changes have not been saved yet. Select Save draft to save them')
    } finally {
      inFlight = false
    }
  }

  fields.forEach(field => field.addEventListener('blur', () => save()))
  window.setInterval(() => save(), INTERVAL_MS)
  // A full form post carries everything, so there is nothing to race with it.
  form.addEventListener('submit', () => {
    stopped = true
  })
}

document.querySelectorAll('form[data-autosave-url]').forEach(start)
