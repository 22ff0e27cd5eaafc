/**
 * Help, offline (`/help`, the desktop app's Help menu): the README's parts for facilitators — quick start, running a
 * classroom session, troubleshooting — from the README the app was built with. Loaded only when opened.
 */
import { useEffect } from 'react';
import { useLocation } from 'react-router';
import readme from '../../../README.md?raw';
import { Markdown } from '../ui/Markdown';
import { PageHeader, Section } from '../ui/bits';
import { readmeSections } from './readmeSections';

const SECTIONS = ['Quick start', 'Running a classroom session', 'Troubleshooting'];

export default function HelpPage() {
  const sections = readmeSections(readme, SECTIONS);
  const { hash, key } = useLocation();
  // Loaded lazily: the app's scroll-to-#anchor ran before these sections existed.
  useEffect(() => {
    if (hash) document.getElementById(decodeURIComponent(hash.slice(1)))?.scrollIntoView();
  }, [hash, key]);
  return (
    <article className="page">
      <PageHeader eyebrow="Help" title="README and troubleshooting" lead="The kit's README, as shipped with this app: it works offline." />
      <nav aria-label="Help sections">
        <ul className="list">
          {sections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`}>{s.title}</a>
            </li>
          ))}
        </ul>
      </nav>
      {sections.map((s) => (
        <Section key={s.id} title={s.title} id={s.id}>
          <Markdown text={s.body} />
        </Section>
      ))}
    </article>
  );
}
