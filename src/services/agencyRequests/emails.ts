import { formatGovukDate, IsoDate, todayInLondon } from '../../domain/dates'

/**
 * The e-mails of information gathering, as plain text. E-mail is not a secure channel, so none
 * names the child: the case reference (never a name) identifies the case, and the child's details
 * are shown only behind the secure link.
 */

export interface RequestEmailContext {
  contactName: string
  agency: string
  caseRef: string
  dueDate: IsoDate
  coordinator: { name: string; email: string } | null
}

const SIGN_OFF = 'Child death review service'

const askCoordinator = (coordinator: RequestEmailContext['coordinator'], what: string) =>
  coordinator
    ? `${what}, contact ${coordinator.name} at ${coordinator.email}.`
    : `${what}, reply to the panel team that asked you.`

const londonDate = (instant: Date) => formatGovukDate(todayInLondon(instant))

export function requestEmail(c: RequestEmailContext & { link: string; linkExpiresAt: Date; reissued: boolean }) {
  return {
    subject: `${c.reissued ? 'New link: request' : 'Request'} for information for child death review ${c.caseRef}`,
    text: [
      `Dear ${c.contactName},`,
      '',
      `The Child Death Overview Panel is reviewing the death of a child and asks ${c.agency} for the information it holds. The case reference is ${c.caseRef}.`,
      '',
      ...(c.reissued ? ['This is a new link. Any link we sent you before for this request no longer works.', ''] : []),
      `Please complete the agency report by ${formatGovukDate(c.dueDate)}, using this secure link:`,
      '',
      c.link,
      '',
      `The link is for you only: do not forward it. It works until ${londonDate(c.linkExpiresAt)}. You can save your answers and come back to them; once you submit the report the link shows only a confirmation.`,
      '',
      'If your agency had no involvement with the child or their family, open the link and say so: it takes a minute.',
      '',
      askCoordinator(c.coordinator, 'If you have questions or the link does not work'),
      '',
      SIGN_OFF,
    ].join('\n'),
  }
}

export function reminderEmail(c: RequestEmailContext & { step: 'before_due' | 'overdue'; requestedOn: Date }) {
  const overdue = c.step === 'overdue'
  return {
    subject: `${overdue ? 'Overdue' : 'Reminder'}: information for child death review ${c.caseRef}`,
    text: [
      `Dear ${c.contactName},`,
      '',
      overdue
        ? `The report we asked ${c.agency} for about child death review ${c.caseRef} was due on ${formatGovukDate(c.dueDate)} and we have not received it.`
        : `This is a reminder that the report we asked ${c.agency} for about child death review ${c.caseRef} is due on ${formatGovukDate(c.dueDate)}.`,
      '',
      `Please complete it using the secure link in our email of ${londonDate(c.requestedOn)}. For your security this email does not repeat the link.`,
      '',
      askCoordinator(
        c.coordinator,
        'If you cannot find the link, it has stopped working, or your agency had no involvement',
      ),
      '',
      SIGN_OFF,
    ].join('\n'),
  }
}

export function escalationEmail(
  c: RequestEmailContext & { leadName: string; requestedOn: Date; remindedOn: Date | null },
) {
  return {
    subject: `Escalation: overdue information for child death review ${c.caseRef}`,
    text: [
      `Dear ${c.leadName},`,
      '',
      `You are named as the lead for ${c.agency} for child death reviews. On ${londonDate(c.requestedOn)} we asked ${c.contactName} at ${c.agency} for a report about child death review ${c.caseRef}. It was due on ${formatGovukDate(c.dueDate)}${c.remindedOn ? ` and we reminded them on ${londonDate(c.remindedOn)}` : ''}, but we have not received it.`,
      '',
      `Please make sure the report is completed, or tell us who should complete it. ${c.contactName} has a secure link to the report; if they cannot use it, we can send a new link to them or to someone else. For your security this email does not contain the link.`,
      '',
      askCoordinator(c.coordinator, 'To discuss this'),
      '',
      SIGN_OFF,
    ].join('\n'),
  }
}

export function confirmationEmail(c: RequestEmailContext & { involved: boolean }) {
  return {
    subject: `Received: your report for child death review ${c.caseRef}`,
    text: [
      `Dear ${c.contactName},`,
      '',
      c.involved
        ? `Thank you. We have received the report from ${c.agency} for child death review ${c.caseRef}.`
        : `Thank you. We have recorded that ${c.agency} had no involvement with the child or their family (child death review ${c.caseRef}).`,
      '',
      'The link you used now shows only a confirmation.',
      '',
      askCoordinator(c.coordinator, 'If you need to add or correct anything'),
      '',
      SIGN_OFF,
    ].join('\n'),
  }
}

export function reportReceivedEmail(c: {
  coordinatorName: string
  agency: string
  caseRef: string
  involved: boolean
  caseLink: string
}) {
  return {
    subject: `${c.agency} ${c.involved ? 'sent its report' : 'had no involvement'}: ${c.caseRef}`,
    text: [
      `Dear ${c.coordinatorName},`,
      '',
      c.involved
        ? `${c.agency} has submitted its report for case ${c.caseRef}.`
        : `${c.agency} says it had no involvement with the child or their family (case ${c.caseRef}).`,
      '',
      `See the case: ${c.caseLink}`,
      '',
      SIGN_OFF,
    ].join('\n'),
  }
}
