import { roles, Role } from '../domain/codes'
import { checkPassword } from '../domain/passwordPolicy'
import { addError, FormErrors, list, noErrors, text } from '../utils/formErrors'

export interface AccountValues {
  name: string
  email: string
  roles: Role[]
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Reads and checks the name, email and (optionally) roles of an account form. */
export function readAccountForm(body: unknown, options: { withRoles: boolean; withEmail?: boolean }) {
  const errors: FormErrors = noErrors()
  const values: AccountValues = {
    name: text(body, 'name', 500),
    email: text(body, 'email', 500),
    roles: list(body, 'roles').filter(roles.has),
  }
  if (!values.name) addError(errors, 'name', 'Enter the full name')
  else if (values.name.length > 200) addError(errors, 'name', 'Full name must be 200 characters or fewer')
  if (options.withEmail !== false) {
    if (!values.email) addError(errors, 'email', 'Enter an email address')
    else if (values.email.length > 320 || !EMAIL.test(values.email)) {
      addError(errors, 'email', 'Enter an email address in the correct format, like name@example.org')
    }
  }
  if (options.withRoles) {
    const posted = list(body, 'roles')
    if (posted.length === 0) addError(errors, 'roles', 'Select at least one role', '#roles')
    else if (posted.some(r => !roles.has(r))) addError(errors, 'roles', 'Select roles from the list', '#roles')
  }
  return { values, errors }
}

/** Checks `password` and `confirm_password` against the password policy. */
export function validateNewPassword(body: unknown, values: AccountValues, errors: FormErrors): void {
  const password =
    typeof (body as Record<string, unknown>)?.password === 'string'
      ? String((body as Record<string, unknown>).password)
      : ''
  const confirm =
    typeof (body as Record<string, unknown>)?.confirm_password === 'string'
      ? String((body as Record<string, unknown>).confirm_password)
      : ''
  if (!password) {
    addError(errors, 'password', 'Enter a password')
    return
  }
  const problem = checkPassword(password, { email: values.email, name: values.name })
  if (problem) addError(errors, 'password', problem)
  else if (password !== confirm) addError(errors, 'confirm_password', 'Enter the same password in both boxes')
}
