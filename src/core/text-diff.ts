// SPDX-License-Identifier: MIT
// A small unified diff of two texts (for --dry-run: "what would this write"). Conf files are short,
// so a plain LCS table is fine.

// `--- a/<name>` / `+++ b/<name>` and the changed lines with up to `context` lines around them.
export function unifiedDiff(name: string, before: string | undefined, after: string, context = 3): string {
  if (before === after) return '';
  const a = before === undefined || before === '' ? [] : before.replace(/\n$/, '').split('\n');
  const b = after === '' ? [] : after.replace(/\n$/, '').split('\n');
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Array<{ op: ' ' | '-' | '+'; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ op: ' ', text: a[i++]! });
      j++;
    } else if (j < m && (i >= n || lcs[i]![j + 1]! > lcs[i + 1]![j]!)) ops.push({ op: '+', text: b[j++]! });
    else ops.push({ op: '-', text: a[i++]! });
  }
  const keep = ops.map((o, k) => o.op !== ' ' || ops.slice(Math.max(0, k - context), k + context + 1).some((x) => x.op !== ' '));
  const lines = [before === undefined ? '--- /dev/null' : `--- a/${name}`, `+++ b/${name}`];
  let skipped = false;
  ops.forEach((o, k) => {
    if (!keep[k]) {
      if (!skipped) lines.push('@@');
      skipped = true;
      return;
    }
    skipped = false;
    lines.push(`${o.op}${o.text}`);
  });
  return lines.join('\n') + '\n';
}
