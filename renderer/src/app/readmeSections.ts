/**
 * The README's sections for the offline help page (HelpPage.tsx): split at its `## ` headings, each with an id a
 * link can point at (`/help#troubleshooting`), its images left out (the screenshots are not shipped in the app).
 */
export interface ReadmeSection {
  id: string;
  title: string;
  body: string;
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The `## ` sections of `markdown` whose titles are in `keep` (in the README's order), without images. */
export function readmeSections(markdown: string, keep: readonly string[]): ReadmeSection[] {
  const sections: ReadmeSection[] = [];
  let current: { title: string; lines: string[] } | null = null;
  let fence = false;
  const flush = () => {
    if (current && keep.includes(current.title)) {
      const body = current.lines
        .join('\n')
        .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
        .trim();
      sections.push({ id: slug(current.title), title: current.title, body });
    }
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) fence = !fence;
    const heading = !fence && /^## (.+)$/.exec(line);
    if (heading) {
      flush();
      current = { title: heading[1]!.trim(), lines: [] };
    } else current?.lines.push(line);
  }
  flush();
  return sections;
}
