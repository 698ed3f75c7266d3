/**
 * The 1-based first and last row a page shows, for "26–50 of 120".
 */
export function pageRange(pageIndex: number, pageSize: number, total: number): { first: number; last: number } {
  if (total <= 0) return { first: 0, last: 0 };
  const first = Math.min(pageIndex * pageSize + 1, total);
  return { first, last: Math.min(first + pageSize - 1, total) };
}
