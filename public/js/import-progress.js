// Progress for the history import upload. Without JavaScript the form posts as usual; with it, the
// file is sent with XMLHttpRequest so the upload can be shown in a <progress> element, and the
// server's page (problems, or success) then replaces the main content as a normal post would.
import { initAll } from '/assets/govuk/govuk-frontend.min.js'

function showResult(response) {
  const next = response && response.querySelector('main')
  const main = document.querySelector('main')
  if (!next || !main) return false
  const replacement = document.importNode(next, true)
  main.replaceWith(replacement)
  document.title = response.title
  initAll({ scope: replacement })
  enhance(replacement)
  // Error summaries focus themselves; otherwise start reading at the new heading.
  if (!replacement.querySelector('.govuk-error-summary')) {
    const heading = replacement.querySelector('h1')
    if (heading) {
      heading.setAttribute('tabindex', '-1')
      heading.focus()
    }
  }
  return true
}

function percent(loaded, total) {
  return Math.floor((loaded / total) * 100)
}

function upload(form, submitter) {
  const progressGroup = form.querySelector('[data-import-progress]')
  const progress = progressGroup.querySelector('progress')
  const status = progressGroup.querySelector('[data-import-status]')
  const buttons = Array.from(form.querySelectorAll('button'))
  const data = new FormData(form)
  // FormData(form) leaves out the button that was pressed: it says whether to check or import.
  if (submitter && submitter.name) data.append(submitter.name, submitter.value)

  const done = message => {
    status.textContent = message
    buttons.forEach(button => (button.disabled = false))
  }
  buttons.forEach(button => (button.disabled = true))
  progressGroup.hidden = false
  progress.value = 0
  status.textContent = 'Uploading…'

  const request = new XMLHttpRequest()
  request.open('POST', form.action)
  request.responseType = 'document'
  request.upload.addEventListener('progress', event => {
    if (!event.lengthComputable) return
    progress.max = event.total
    progress.value = event.loaded
    status.textContent = `Uploading: ${percent(event.loaded, event.total)}%`
  })
  request.upload.addEventListener('load', () => {
    progress.removeAttribute('value') // indeterminate while the server checks every row
    status.textContent = 'Uploaded. Checking every row: a large file can take a minute.'
  })
  request.addEventListener('load', () => {
    if (!showResult(request.response)) done('Something went wrong. Try again.')
  })
  request.addEventListener('error', () => done('The upload failed. Check your connection and try again.'))
  request.addEventListener('abort', () => done('The upload was stopped.'))
  request.send(data)
}

function enhance(root) {
  const form = root.querySelector('form[data-import-form]')
  if (!form || !form.querySelector('[data-import-progress]')) return
  form.addEventListener('submit', event => {
    const input = form.querySelector('input[type="file"]')
    // With no file chosen, the plain post lets the server ask for one.
    if (!input || !input.files || input.files.length === 0) return
    event.preventDefault()
    upload(form, event.submitter)
  })
}

enhance(document)
