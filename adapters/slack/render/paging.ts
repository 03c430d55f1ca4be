/** Splits a long run of blocks into Slack messages of at most 50 blocks, keeping related blocks together when they fit. */

/**
 * Puts groups of items on pages of at most `max` items. A group that does not fit on the current page starts a new
 * one; a group larger than a page is spread over several.
 */
export function pageGroups<T>(groups: T[][], max: number): T[][] {
  const pages: T[][] = [];
  let page: T[] = [];
  for (const group of groups) {
    if (page.length > 0 && page.length + group.length > max) {
      pages.push(page);
      page = [];
    }
    for (const item of group) {
      if (page.length === max) {
        pages.push(page);
        page = [];
      }
      page.push(item);
    }
  }
  if (page.length > 0) pages.push(page);
  return pages;
}

/** Joins each group marked as a heading to the group after it, so a heading never ends a page alone. */
export function keepWithNext<T>(groups: { items: T[]; heading: boolean }[]): T[][] {
  const joined: T[][] = [];
  let carry: T[] = [];
  for (const group of groups) {
    if (group.heading) {
      carry = [...carry, ...group.items];
      continue;
    }
    joined.push([...carry, ...group.items]);
    carry = [];
  }
  if (carry.length > 0) joined.push(carry);
  return joined;
}
