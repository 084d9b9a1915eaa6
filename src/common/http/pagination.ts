import { ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { linkSafePath, requestOrigin } from './public-origin.js';

/** The platform's list pagination (members spec, "Pagination"): used by every paginated list. */
export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

export const PAGINATION_ERRORS = {
  invalidPage: { code: 4001, message: "le paramètre indiqué pour la pagination n'est pas un nombre entier valide" },
  pageNotFound: { code: 4002, message: "la page indiquée n'existe pas" },
  invalidPerPage: { code: 4003, message: 'perPage must be an integer between 1 and 100' },
} as const;

/**
 * The same refusals in English, for the APIs whose messages are English (mobility): the codes are
 * the platform's; only the members contract asks for the French wording.
 */
export const PAGINATION_MESSAGES_EN = {
  invalidPage: 'page must be a positive integer',
  pageNotFound: 'the page requested does not exist',
} as const;

/** Which wording the pagination refusals use: the members seed's French (the default) or English. */
export type PaginationLanguage = 'fr' | 'en';

const POSITIVE_INTEGER = /^[1-9]\d*$/;

/**
 * `page` and `perPage` in a list's query DTO: declared (for Swagger and the whitelist) but checked by
 * `parsePageRequest`, which answers with the pagination codes 4001/4003 rather than a field error.
 * A list's query DTO extends it.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ example: 1, type: Number, description: 'page number, from 1' })
  @Allow()
  page?: unknown;

  @ApiPropertyOptional({ example: 50, type: Number, description: 'items per page, 1 to 100 (default 50)' })
  @Allow()
  perPage?: unknown;
}

/**
 * Reads `page` (from 1) and `perPage` (1..maxPerPage) from the raw query. Anything but a positive
 * integer is refused, `1.5`, `-1`, `0`, `abc` and `page[]=` alike.
 */
export function parsePageRequest(
  query: Record<string, unknown>,
  options: { defaultPerPage?: number; maxPerPage?: number; language?: PaginationLanguage } = {},
): PageRequest {
  const defaultPerPage = options.defaultPerPage ?? 50;
  const maxPerPage = options.maxPerPage ?? 100;
  const rawPage = query.page;
  const rawPerPage = query.perPage;

  let page = 1;
  if (rawPage !== undefined) {
    if (typeof rawPage !== 'string' || !POSITIVE_INTEGER.test(rawPage) || !Number.isSafeInteger(Number(rawPage))) {
      const message = options.language === 'en' ? PAGINATION_MESSAGES_EN.invalidPage : PAGINATION_ERRORS.invalidPage.message;
      throw ApiError.badRequest(message, { code: PAGINATION_ERRORS.invalidPage.code, field: 'page' });
    }
    page = Number(rawPage);
  }
  let perPage = defaultPerPage;
  if (rawPerPage !== undefined) {
    if (typeof rawPerPage !== 'string' || !POSITIVE_INTEGER.test(rawPerPage) || Number(rawPerPage) > maxPerPage) {
      throw ApiError.badRequest(
        maxPerPage === 100 ? PAGINATION_ERRORS.invalidPerPage.message : `perPage must be an integer between 1 and ${maxPerPage}`,
        { code: PAGINATION_ERRORS.invalidPerPage.code, field: 'perPage' },
      );
    }
    perPage = Number(rawPerPage);
  }
  return { page, perPage, offset: (page - 1) * perPage };
}

/** Number of pages for `total` items; an empty list still has its page 1. */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** Refuses a page beyond the last one (404, code 4002). Page 1 of an empty list is fine. */
export function assertPageExists(pageRequest: PageRequest, total: number, language: PaginationLanguage = 'fr'): void {
  if (pageRequest.page > lastPage(total, pageRequest.perPage)) {
    const message = language === 'en' ? PAGINATION_MESSAGES_EN.pageNotFound : PAGINATION_ERRORS.pageNotFound.message;
    throw ApiError.notFound(message, { code: PAGINATION_ERRORS.pageNotFound.code, field: 'page' });
  }
}

/**
 * Sets `X-Total-Count` and `Link` (first, prev, next, last) with absolute URLs that keep every
 * other query parameter the client sent, in the order sent.
 */
export function setPaginationHeaders(request: FastifyRequest, reply: FastifyReply, pageRequest: PageRequest, total: number): void {
  const last = lastPage(total, pageRequest.perPage);
  const [path, search = ''] = request.url.split('?', 2);
  const base = `${requestOrigin(request)}${linkSafePath(path)}`;
  const link = (page: number, rel: string) => {
    const params = new URLSearchParams(search);
    params.set('page', String(page));
    return `<${base}?${params.toString()}>; rel="${rel}"`;
  };
  const links = [link(1, 'first')];
  if (pageRequest.page > 1) links.push(link(Math.min(pageRequest.page - 1, last), 'prev'));
  if (pageRequest.page < last) links.push(link(pageRequest.page + 1, 'next'));
  links.push(link(last, 'last'));
  reply.header('Link', links.join(', '));
  reply.header('X-Total-Count', String(total));
}
