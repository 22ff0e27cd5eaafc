/**
 * Renders a Markdown field of the content pack (GitHub-flavoured). Raw HTML is not rendered, relative images
 * resolve into /content/, links inside the kit navigate in-app, and links to the outside world are shown as text
 * (the room has no internet; the address is there to look up later).
 */
import type React from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { Link } from 'react-router';
import { useOptionalContent } from '../content/ContentProvider';
import { useGlossaryPlugin } from '../content/GlossaryLinks';

export function contentAssetUrl(path: string): string {
  if (/^(data:|blob:|\/)/.test(path)) return path;
  return `/content/${path.replace(/^\.\//, '')}`;
}

/** Inline `some-id` that names an item of the pack becomes a link to it, titled with the item's title. */
function InlineCode({ children }: { children?: React.ReactNode }) {
  const content = useOptionalContent();
  const text = typeof children === 'string' ? children : Array.isArray(children) && children.length === 1 && typeof children[0] === 'string' ? children[0] : null;
  const item = text ? content?.index.get(text) : undefined;
  if (item) return <Link to={item.route}>{item.title}</Link>;
  return <code>{children}</code>;
}

const components: Components = {
  code: ({ children, className }) => (className ? <code className={className}>{children}</code> : <InlineCode>{children}</InlineCode>),
  img: ({ src, alt }) => <img src={typeof src === 'string' ? contentAssetUrl(src) : undefined} alt={alt ?? ''} loading="lazy" />,
  a: ({ href, children, title }) => {
    if (href && href.startsWith('/kit/glossary#term-')) {
      return (
        <Link to={href} className="glossary-link" title={title}>
          {children}
        </Link>
      );
    }
    if (href && href.startsWith('/')) return <Link to={href}>{children}</Link>;
    if (href && href.startsWith('#')) return <a href={href}>{children}</a>;
    const text = String(Array.isArray(children) ? children.join('') : children ?? '');
    return (
      <span>
        {children}
        {href && href !== text ? <span className="ext-link"> ({href})</span> : null}
      </span>
    );
  },
};

export function Markdown({ text, inline = false }: { text: string; inline?: boolean }) {
  const glossary = useGlossaryPlugin(text);
  const remarkPlugins = glossary ? [remarkGfm, glossary] : [remarkGfm];
  if (inline) {
    return (
      <ReactMarkdown remarkPlugins={remarkPlugins} components={{ ...components, p: ({ children }) => <>{children}</> }}>
        {text}
      </ReactMarkdown>
    );
  }
  return (
    <div className="markdown">
      <ReactMarkdown remarkPlugins={remarkPlugins} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

export function MarkdownList({ items, className = 'list' }: { items: string[] | undefined; className?: string }) {
  if (!items || items.length === 0) return <p className="empty">None listed.</p>;
  return (
    <ul className={className}>
      {items.map((item, i) => (
        <li key={i}>
          <Markdown text={item} inline />
        </li>
      ))}
    </ul>
  );
}
