import { Router } from 'express'
import requireRole from '../../middleware/requireRole'
import type { Services } from '../../services'
import AgendaController from './agendaController'
import AttendanceController from './attendanceController'
import DeclarationsController from './declarationsController'
import DeclareInterestController from './declareInterestController'
import EditMeetingController from './editMeetingController'
import LifecycleController from './lifecycleController'
import ListMeetingsController from './listMeetingsController'
import { loadMeeting } from './loadMeeting'
import MeetingController from './meetingController'
import MembersController from './membersController'
import MinutesController from './minutesController'
import PackController from './packController'
import { printStylesheet } from './printStylesheet'
import ScheduleMeetingController from './scheduleMeetingController'
import WholePackController from './wholePackController'

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
  const manage = requireRole('coordinator', 'admin')
  router.use('/meetings', requireRole('coordinator', 'admin', 'panel_member'))
  router.param('meetingId', loadMeeting(meetingService))

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

  router.get('/meetings', list.view)
  router.get('/meetings/print.css', printStylesheet)
  router.get('/meetings/new', manage, schedule.view)
  router.post('/meetings/new', manage, schedule.submit)
  router.get('/meetings/:meetingId', show.view)
  router.get('/meetings/:meetingId/edit', manage, edit.view)
  router.post('/meetings/:meetingId/edit', manage, edit.submit)
  router.get('/meetings/:meetingId/members', manage, members.view)
  router.post('/meetings/:meetingId/members', manage, members.invite)
  router.post('/meetings/:meetingId/members/external', manage, members.addExternal)
  router.post('/meetings/:meetingId/members/:memberId/remove', manage, members.remove)
  router.get('/meetings/:meetingId/attendance', manage, attendance.view)
  router.post('/meetings/:meetingId/attendance', manage, attendance.submit)
  router.get('/meetings/:meetingId/agenda/add', manage, agenda.view)
  router.post('/meetings/:meetingId/agenda/add', manage, agenda.add)
  router.post('/meetings/:meetingId/agenda/:itemId/move', manage, agenda.move)
  router.post('/meetings/:meetingId/agenda/:itemId/remove', manage, agenda.remove)
  router.get('/meetings/:meetingId/declarations', manage, declarations.view)
  router.post('/meetings/:meetingId/declarations', manage, declarations.submit)
  router.post('/meetings/:meetingId/declarations/:declarationId/withdraw', manage, declarations.withdraw)
  router.get('/meetings/:meetingId/cases/:caseId/interest', declare.view)
  router.post('/meetings/:meetingId/cases/:caseId/interest', declare.submit)
  router.get('/meetings/:meetingId/cases/:caseId/pack', pack.view)
  router.get('/meetings/:meetingId/pack', wholePack.view)
  // The chair may read the minutes of their meeting; the controller checks the chair's seat.
  router.get('/meetings/:meetingId/minutes', minutes.view)
  for (const kind of ['held', 'cancel', 'postpone'] as const) {
    router.get(`/meetings/:meetingId/${kind}`, manage, lifecycle.view(kind))
    router.post(`/meetings/:meetingId/${kind}`, manage, lifecycle.submit(kind))
  }
  return router
}
