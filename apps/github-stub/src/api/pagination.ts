import type { Context } from 'koa';
import { queryParams } from '../http-input.ts';
import type { StubState } from '../state.ts';

export interface Paging {
  perPage: number;
  page: number;
}

const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

/** `per_page` (default 30, at most 100) and `page` (from 1); undefined when not integers. */
export function readPaging(ctx: Context): Paging | undefined {
  const { per_page: perPage = String(DEFAULT_PER_PAGE), page = '1' } = queryParams(ctx);
  const values = { perPage: Number(perPage), page: Number(page) };
  if (!Number.isInteger(values.perPage) || !Number.isInteger(values.page) || values.page < 1) return undefined;
  return { perPage: Math.min(Math.max(values.perPage, 1), MAX_PER_PAGE), page: values.page };
}

function pageUrl(ctx: Context, state: StubState, page: number): string {
  const params = new URLSearchParams(ctx.querystring);
  params.set('page', String(page));
  return `${state.url}${ctx.path}?${params.toString()}`;
}

/**
 * One page of `items`, with GitHub's `Link` header: absolute URLs that keep the other query
 * parameters, in GitHub's order prev, next, last, first; none when everything fits on page 1.
 * https://docs.github.com/rest/using-the-rest-api/using-pagination-in-the-rest-api
 */
export function paginate<T>(ctx: Context, state: StubState, items: readonly T[], paging: Paging): T[] {
  const lastPage = Math.max(1, Math.ceil(items.length / paging.perPage));
  const links: string[] = [];
  const link = (page: number, rel: string) => links.push(`<${pageUrl(ctx, state, page)}>; rel="${rel}"`);
  if (paging.page > 1) link(paging.page - 1, 'prev');
  if (paging.page < lastPage) {
    link(paging.page + 1, 'next');
    link(lastPage, 'last');
  }
  if (paging.page > 1) link(1, 'first');
  if (links.length > 0) ctx.set('Link', links.join(', '));
  const start = (paging.page - 1) * paging.perPage;
  return items.slice(start, start + paging.perPage);
}
