import logger from '../../logger'
import { formatChainHead } from '../../domain/auditChain'
import type AuditChainService from '../auditChainService'

export const AUDIT_HEAD_INTERVAL_MS = 60 * 60_000

/**
 * Writes the audit chain head to the service's log at start and every hour. Logs are shipped and
 * kept apart from the database, so `audit:verify --head-file` can later prove that the log was
 * not rewritten, even by someone able to recompute every hash.
 */
export default class AuditHeadJob {
  private timer: NodeJS.Timeout | undefined

  constructor(private readonly chain: AuditChainService) {}

  async logHead(): Promise<void> {
    try {
      const head = await this.chain.head()
      logger.info({ auditChainHead: formatChainHead(head) }, 'audit chain head')
    } catch (error) {
      logger.warn({ err: error }, 'could not read the audit chain head')
    }
  }

  start(intervalMs = AUDIT_HEAD_INTERVAL_MS): void {
    if (this.timer) return
    void this.logHead()
    this.timer = setInterval(() => void this.logHead(), intervalMs).unref()
  }

  stop(): void {
    clearInterval(this.timer)
    this.timer = undefined
  }
}
