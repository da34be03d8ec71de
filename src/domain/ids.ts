import { z } from 'zod'

/** Every record is keyed by a UUID; anything else in its place names no record. */
export const recordId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i)

export const isUuid = (value: unknown): value is string => recordId.safeParse(value).success
