import { describe, expect, it } from 'vitest';
import readme from '../../../README.md?raw';
import { readmeSections } from './readmeSections';

describe('readmeSections (the offline help page)', () => {
  it('keeps the named ## sections with ids, without images, and ignores ## inside code fences', () => {
    const md = [
      '# Title',
      'intro ![shot](docs/a.png)',
      '## Quick start',
      'run it',
      '```',
      '## not a heading',
      '```',
      '## Troubleshooting',
      '- **x** ![i](b.png) do y',
      '## Architecture',
      'internals',
    ].join('\n');
    expect(readmeSections(md, ['Quick start', 'Troubleshooting'])).toEqual([
      { id: 'quick-start', title: 'Quick start', body: 'run it\n```\n## not a heading\n```' },
      { id: 'troubleshooting', title: 'Troubleshooting', body: '- **x**  do y' },
    ]);
  });

  it('finds the README’s troubleshooting section (the Help menu opens /help#troubleshooting)', () => {
    const sections = readmeSections(readme, ['Troubleshooting']);
    expect(sections.map((s) => s.id)).toEqual(['troubleshooting']);
    expect(sections[0]!.body.length).toBeGreaterThan(200);
  });
});
