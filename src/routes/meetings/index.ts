import { Router } from 'express'
import requireCapability from '../../middleware/requireCapability'
import paths from '../../paths'
import type { Services } from '../../services'
import AgendaController from './agendaController'
import AttendanceController from './attendanceController'
import DeclarationsController from './declarationsController'
import DeclareInterestController from './declareInterestController'
import EditMeetingController from './editMeetingController'
import LifecycleController from './lifecycleController'
import ListMeetingsController from './listMeetingsController'
import { loadMeeting, malformedMeeting, notOnAgenda } from './loadMeeting'
import MeetingController from './meetingController'
import MembersController from './membersController'
import MinutesController from './minutesController'
import PackController from './packController'
import { printStylesheet } from './printStylesheet'
import ScheduleMeetingController from './scheduleMeetingController'
import WholePackController from './wholePackController'
import { idParams, validId } from '../params'

/**
 * Panel meetings. Coordinators and administrators run them; a panel member reaches only the meetings
 * they are invited to (checked when the meeting is loaded) and, within them, only the packs they may see.
 */
export default function meetingRoutes({
  meetingService,
  meetingLifecycleService,
  agendaService,
  declarationService,
  packService,
  minutesService,
}: Services): Router {
  const router = Router()
  const manage = requireCapability('manageMeetings')
  router.use(paths.meetings.list, requireCapability('attendMeetings'))
  router.param('meetingId', validId('meetingId', malformedMeeting))
  router.param('meetingId', loadMeeting(meetingService))
  router.param('caseId', validId('caseId', notOnAgenda))
  idParams(router, { memberId: null, itemId: null, declarationId: null })

  const list = new ListMeetingsController(meetingService)
  const schedule = new ScheduleMeetingController(meetingService)
  const edit = new EditMeetingController(meetingService)
  const show = new MeetingController(meetingService, agendaService, declarationService, packService)
  const members = new MembersController(meetingService)
  const attendance = new AttendanceController(meetingService)
  const agenda = new AgendaController(agendaService)
  const declarations = new DeclarationsController(meetingService, agendaService, declarationService)
  const declare = new DeclareInterestController(meetingService, agendaService, declarationService)
  const pack = new PackController(meetingService, agendaService, packService)
  const wholePack = new WholePackController(packService)
  const minutes = new MinutesController(meetingService, declarationService, minutesService)
  const lifecycle = new LifecycleController(meetingService, meetingLifecycleService)

  router.get(paths.meetings.list, list.view)
  router.get(paths.meetings.printStylesheet, printStylesheet)
  router.get(paths.meetings.schedule, manage, schedule.view)
  router.post(paths.meetings.schedule, manage, schedule.submit)
  router.get(paths.meetings.show.pattern, show.view)
  router.get(paths.meetings.edit.pattern, manage, edit.view)
  router.post(paths.meetings.edit.pattern, manage, edit.submit)
  router.get(paths.meetings.members.pattern, manage, members.view)
  router.post(paths.meetings.members.pattern, manage, members.invite)
  router.post(paths.meetings.externalMember.pattern, manage, members.addExternal)
  router.post(paths.meetings.removeMember.pattern, manage, members.remove)
  router.get(paths.meetings.attendance.pattern, manage, attendance.view)
  router.post(paths.meetings.attendance.pattern, manage, attendance.submit)
  router.get(paths.meetings.agendaAdd.pattern, manage, agenda.view)
  router.post(paths.meetings.agendaAdd.pattern, manage, agenda.add)
  router.post(paths.meetings.agendaMove.pattern, manage, agenda.move)
  router.post(paths.meetings.agendaRemove.pattern, manage, agenda.remove)
  router.get(paths.meetings.declarations.pattern, manage, declarations.view)
  router.post(paths.meetings.declarations.pattern, manage, declarations.submit)
  router.post(paths.meetings.withdrawDeclaration.pattern, manage, declarations.withdraw)
  router.get(paths.meetings.declareInterest.pattern, declare.view)
  router.post(paths.meetings.declareInterest.pattern, declare.submit)
  router.get(paths.meetings.pack.pattern, pack.view)
  router.get(paths.meetings.wholePack.pattern, wholePack.view)
  // The chair may read the minutes of their meeting; the controller checks the chair's seat.
  router.get(paths.meetings.minutes.pattern, minutes.view)
  for (const kind of ['held', 'cancel', 'postpone'] as const) {
    router.get(paths.meetings[kind].pattern, manage, lifecycle.view(kind))
    router.post(paths.meetings[kind].pattern, manage, lifecycle.submit(kind))
  }
  return router
}
