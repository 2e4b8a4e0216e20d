import type { ClusterReport, GapsReport } from './gapsReport';

const ROUTE_NAMES = { fallback: 'not understood', 'none-of-these': '"None of these"', rephrased: 'asked again' } as const;

function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

function describeRoutes(cluster: ClusterReport): string {
  return Object.entries(cluster.routes)
    .filter(([, count]) => count > 0)
    .map(([route, count]) => `${ROUTE_NAMES[route as keyof typeof ROUTE_NAMES]} ${count}`)
    .join(', ');
}

function formatCluster(cluster: ClusterReport, position: number): string[] {
  const days = cluster.firstDay === cluster.lastDay ? cluster.firstDay : `${cluster.firstDay} to ${cluster.lastDay}`;
  const lines = [`${position}. ${plural(cluster.count, 'question')} (${describeRoutes(cluster)}), ${days}`];
  for (const example of cluster.examples) lines.push(`     "${example.text}"${example.count > 1 ? ` ×${example.count}` : ''}`);
  lines.push(`   nearest: ${cluster.nearest.length === 0 ? 'nothing in faq.yaml comes close' : cluster.nearest.map((entry) => `${entry.id} (${entry.score.toFixed(2)})`).join(', ')}`);
  if (cluster.nowAnswered === cluster.count) lines.push('   ✔ the bot answers these now');
  else if (cluster.nowAnswered > 0) lines.push(`   ✔ the bot answers ${cluster.nowAnswered} of these now`);
  if (cluster.suggestion !== undefined) {
    const { entryId, question, line, shortened } = cluster.suggestion;
    lines.push(`   → clearly meant: ${entryId} ("${question}"). Paste under its alternates: in faq.yaml:`, line);
    if (shortened) lines.push('     (redacted words were left out of it: check it still reads as a question)');
  } else if (cluster.newTopic) {
    lines.push('   → new topic? No entry is clearly meant: write a new entry in faq.yaml, or add these to one of the nearest.');
  }
  return lines;
}

/** The gaps report in plain words, for clinic staff. */
export function formatGapsReport(report: GapsReport): string {
  const lines: string[] = [];
  if (report.total === 0) {
    lines.push(`No unanswered questions kept (the gaps log keeps them for ${plural(report.retentionDays, 'day')}).`);
  } else {
    const period = report.firstDay === report.lastDay ? `on ${report.firstDay}` : `from ${report.firstDay} to ${report.lastDay}`;
    lines.push(`${plural(report.total, 'unanswered question')} ${period}, in ${plural(report.clusters.length, 'cluster')} (kept ${plural(report.retentionDays, 'day')}; texts are redacted):`, '');
    report.clusters.forEach((cluster, index) => lines.push(...formatCluster(cluster, index + 1), ''));
    lines.push('After pasting a line into knowledge/faq.yaml, run `npm run kb:check`, then restart the bot.');
  }
  lines.push('');
  if (report.leastHelpful.length === 0) {
    lines.push('Answer feedback: no 👎 in the kept days.');
  } else {
    lines.push('Least helpful answers (👍/👎 over the kept days):');
    for (const entry of report.leastHelpful) {
      lines.push(`  👎 ${entry.notHelpful}  👍 ${entry.helpful}  ${entry.entryId}${entry.question === undefined ? ' (no longer in faq.yaml)' : ` ("${entry.question}")`}`);
    }
  }
  return lines.join('\n');
}
