/**
 * Pagination strategies of the HTTP source: given a page just read, the URL
 * of the next one, or null at the end.
 * - none: one request.
 * - page / offset: a page number or an offset parameter; the end is an empty
 *   page or one shorter than the requested size.
 * - cursor: the body names the next cursor (a dotted path); none, null, ""
 *   or an empty page is the end.
 * - link: the Link header's rel="next", followed only on the base URL's origin.
 * Each guards against a loop, which would otherwise read forever: a cursor
 * or link seen before, or a page with exactly the records of the one
 * before (an API that ignores the page parameter), is an error naming it.
 */
import { createHash } from "node:crypto";

import type { THttpPagination } from "@/connectors/http/config";
import { lookupPath } from "@/connectors/http/json-path";
import { jsonNumberText } from "@/connectors/json/exact-json";
import { nextLink } from "@/connectors/http/link-header";
import { describeUrl, withParams } from "@/connectors/http/request-url";
import { AppError } from "@/lib/app-error";
import type { Logger } from "@/lib/logger";

export type TPageResult = { url: URL; body: unknown; headers: Headers; records: readonly unknown[] };

export type TPaginator = {
  /** The first request: `url` with the strategy's first-page parameters. */
  first(url: URL): URL;
  /** The next request after `page`, or null when it was the last. Throws on a pagination loop. */
  next(page: TPageResult): URL | null;
};

export type TPaginatorContext = { stream: string; log: Logger };

function loopError(ctx: TPaginatorContext, what: string): AppError {
  return new AppError("BAD_INPUT", `Stream "${ctx.stream}": ${what}; stopped to avoid reading the same pages forever. Check the stream's pagination settings.`);
}

function fingerprint(records: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(records)).digest("base64");
}

/** Counting strategies (page numbers, offsets): detects an API that returns the same page whatever the parameter. */
function countingPaginator(
  ctx: TPaginatorContext,
  firstParams: Record<string, string>,
  step: (records: number) => { params: Record<string, string>; last: boolean },
): TPaginator {
  let template: URL | undefined;
  let previous: { fingerprint: string; url: URL } | undefined;
  return {
    first(url) {
      template = withParams(url, firstParams);
      return template;
    },
    next(page) {
      if (page.records.length === 0) return null;
      const current = fingerprint(page.records);
      if (previous?.fingerprint === current) {
        throw loopError(
          ctx,
          `GET ${describeUrl(page.url)} returned the same records as GET ${describeUrl(previous.url)}, so the API seems to ignore the paging parameter`,
        );
      }
      previous = { fingerprint: current, url: page.url };
      const { params, last } = step(page.records.length);
      return last || !template ? null : withParams(template, params);
    },
  };
}

function cursorPaginator(ctx: TPaginatorContext, cursorPath: string, param: string): TPaginator {
  let template: URL | undefined;
  const seen = new Set<string>();
  let pages = 0;
  return {
    first(url) {
      template = url;
      return url;
    },
    next(page) {
      pages += 1;
      const found = lookupPath(page.body, cursorPath);
      if (!found.found) {
        if (pages === 1)
          ctx.log.info(
            { stream: ctx.stream, cursorPath },
            `HTTP source: no next cursor at "${cursorPath}" on the first page (${found.reason}); reading one page`,
          );
        return null;
      }
      const cursor = found.value;
      if (cursor === null || cursor === undefined || cursor === "" || cursor === false || page.records.length === 0) return null;
      // A number keeps every digit (a LosslessNumber when a double could not hold it).
      const text = typeof cursor === "string" ? cursor : jsonNumberText(cursor);
      if (text === null) {
        throw new AppError(
          "BAD_INPUT",
          `Stream "${ctx.stream}": the next cursor at "${cursorPath}" is ${JSON.stringify(cursor).slice(0, 80)}, not a string or number.`,
        );
      }
      if (seen.has(text)) throw loopError(ctx, `the API returned the next cursor "${text.slice(0, 200)}" again (after GET ${describeUrl(page.url)})`);
      seen.add(text);
      return template ? withParams(template, { [param]: text }) : null;
    },
  };
}

function linkPaginator(ctx: TPaginatorContext): TPaginator {
  const seen = new Set<string>();
  let origin = "";
  return {
    first(url) {
      origin = url.origin;
      seen.add(url.href);
      return url;
    },
    next(page) {
      const next = nextLink(page.headers.get("link"), page.url);
      if (!next) return null;
      if (next.origin !== origin) {
        throw new AppError("BAD_INPUT", `Stream "${ctx.stream}": the next link points to another host (${next.host}); Weir does not send credentials there.`);
      }
      if (seen.has(next.href)) throw loopError(ctx, `the API sent the next link ${describeUrl(next)} again (after GET ${describeUrl(page.url)})`);
      seen.add(next.href);
      return next;
    },
  };
}

/** A fresh paginator (it keeps state) for one read of one stream. */
export function createPaginator(pagination: THttpPagination, ctx: TPaginatorContext): TPaginator {
  switch (pagination.type) {
    case "none":
      return { first: (url) => url, next: () => null };
    case "page": {
      const { param, sizeParam, size } = pagination;
      const sizeParams: Record<string, string> = sizeParam && size ? { [sizeParam]: String(size) } : {};
      let number = pagination.start;
      return countingPaginator(ctx, { [param]: String(number), ...sizeParams }, (records) => {
        number += 1;
        return { params: { [param]: String(number) }, last: size !== undefined && records < size };
      });
    }
    case "offset": {
      const { offsetParam, limitParam, limit } = pagination;
      let offset = 0;
      return countingPaginator(ctx, { [offsetParam]: "0", [limitParam]: String(limit) }, (records) => {
        offset += records;
        return { params: { [offsetParam]: String(offset) }, last: records < limit };
      });
    }
    case "cursor":
      return cursorPaginator(ctx, pagination.cursorPath, pagination.param);
    case "link":
      return linkPaginator(ctx);
  }
}
