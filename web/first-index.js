// One binary search for the page's sorted lists (a lead's marks, the beats, a reference's
// detections): a day of marks is searched in a few steps instead of walked.

/**
 * The first index i in [0, length) for which isPast(i) holds (length if none), where isPast is
 * false and then true along the list.
 */
export function firstIndex(length, isPast) {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isPast(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
