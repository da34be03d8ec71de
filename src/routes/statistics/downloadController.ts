import { Request, Response } from 'express'
import createError from 'http-errors'
import ServiceError from '../../services/serviceError'
import { exportRelease } from '../../services/statistics/exportFormats'
import type PublicationService from '../../services/statistics/publicationService'
import type StatisticsService from '../../services/statistics/statisticsService'
import { auditContext } from '../auditContextOf'
import { mayProduceUnsuppressed, readExportFormat, readReleaseQuery } from './readReleaseQuery'
import type ReleasesController from './releasesController'

/** A release as a CSV, Excel or JSON file (statistics.md §4). */
export default class DownloadController {
  constructor(
    private readonly statisticsService: StatisticsService,
    private readonly publicationService: PublicationService,
    private readonly releases: ReleasesController,
  ) {}

  download = async (req: Request, res: Response): Promise<void> => {
    const query = readReleaseQuery(req, this.statisticsService)
    const format = readExportFormat(req)
    if (!mayProduceUnsuppressed(req.user)) {
      // Public health: the period's current published release as stored, never the live figures.
      const stored = await this.publicationService.current(query.years, query.localAuthority)
      if (!stored)
        throw createError(
          404,
          `${query.years} has not been published${query.localAuthority ? ' for that local authority' : ''}`,
        )
      await this.releases.sendStored(res, stored, format)
      return
    }
    let release
    try {
      release = await this.statisticsService.produceRelease(
        query,
        { kind: 'export', format, via: 'web' },
        auditContext(req),
      )
    } catch (error) {
      if (ServiceError.is(error, 'refused')) throw createError(409, error.message)
      if (ServiceError.is(error, 'invalid')) throw createError(400, error.message)
      throw error
    }
    const file = await exportRelease(release, format)
    res.set('Content-Type', file.contentType)
    res.attachment(file.fileName)
    res.send(file.body)
  }
}
