/**
 * The page sizes of the long lists (checks, incidents, transform runs): 50
 * first, so the pager only shows once a list passes 50.
 */
export const LIST_PAGE_SIZES = [50, 100, 250];
