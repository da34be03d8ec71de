import { ANNUAL_REPORT_LINK_TEXT, annualReportHref } from './annualReportController'
import { Request, Response } from 'express'
import createError from 'http-errors'
import { can } from '../../domain/policy'
import { formatDateTimeLondon } from './publicationDates'
import { exportStoredRelease } from '../../services/statistics/exportFormats'
import type PublicationService from '../../services/statistics/publicationService'
import type { StoredRelease, StoredReleaseFiles } from '../../services/statistics/publicationService'
import type StatisticsService from '../../services/statistics/statisticsService'
import { readExportFormat } from './readReleaseQuery'
import { renderReport } from './renderReport'
import paths from '../../paths'

export const RELEASES_PATH = paths.statistics.releases

export const releasePath = (release: Pick<StoredRelease, 'id'>) => paths.statistics.release(release.id)

function supersededText(release: StoredRelease): string | null {
  return release.supersededBy
    ? `Superseded by version ${release.supersededBy.version} on ${formatDateTimeLondon(release.supersededBy.publishedAt)}: ${release.supersededBy.reason}`
    : null
}

/**
 * Published releases, served exactly as stored (statistics.md §5): the list, and for each version
 * its report page and its CSV (the bytes published), Excel and JSON. The only statistics the public
 * health role sees.
 */
export default class ReleasesController {
  constructor(
    private readonly publicationService: PublicationService,
    private readonly statisticsService: StatisticsService,
  ) {}

  list = async (req: Request, res: Response): Promise<void> => {
    const releases = await this.publicationService.list()
    res.render('pages/statistics/releases', {
      releases: releases.map(r => ({
        ...r,
        href: releasePath(r),
        publishedOn: formatDateTimeLondon(r.publishedAt),
        superseded: supersededText(r),
      })),
      mayPublish: can(req.user, 'publishStatistics'),
    })
  }

  private async load(req: Request): Promise<StoredReleaseFiles> {
    const id = typeof req.params.id === 'string' ? req.params.id : ''
    const stored = await this.publicationService.find(id)
    if (!stored) throw createError(404, 'There is no published release at this address')
    return stored
  }

  report = async (req: Request, res: Response): Promise<void> => {
    const stored = await this.load(req)
    await this.renderStored(res, stored)
  }

  download = async (req: Request, res: Response): Promise<void> => {
    const format = readExportFormat(req)
    const stored = await this.load(req)
    await this.sendStored(res, stored, format)
  }

  async renderStored(res: Response, stored: StoredReleaseFiles): Promise<void> {
    await renderReport(res, this.statisticsService, stored.release, stored.notes, {
      downloads: (['csv', 'xlsx', 'json'] as const).map(format => ({
        format,
        href: `${paths.statistics.releaseDownload(stored.id)}?format=${format}`,
      })),
      otherMode: null,
      annualReport:
        stored.supersededBy || stored.period.includes('..')
          ? null
          : { href: annualReportHref(stored.period, 'published'), text: ANNUAL_REPORT_LINK_TEXT.published },
      publication: {
        version: stored.version,
        publishedOn: formatDateTimeLondon(stored.publishedAt),
        publishedBy: stored.publishedBy,
        superseded: supersededText(stored),
      },
    })
  }

  async sendStored(res: Response, stored: StoredReleaseFiles, format: 'csv' | 'xlsx' | 'json'): Promise<void> {
    const file = await exportStoredRelease(stored, format)
    res.set('Content-Type', file.contentType)
    res.attachment(file.fileName)
    res.send(file.body)
  }
}
