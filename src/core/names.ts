// SPDX-License-Identifier: MIT
// "Did you mean ...?": the nearest known name to a mistyped one.

// Levenshtein distance between two strings (insert, delete, substitute cost 1).
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

// The closest candidate, if it is close enough to be a plausible typo (or a prefix of it).
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    // A name the user cut short (internet-of-ping) is as good as a one-letter typo.
    const d = c.startsWith(name) ? Math.min(editDistance(name, c), 1) : editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(2, Math.floor(name.length / 3));
  return bestDistance <= limit ? best : undefined;
}
