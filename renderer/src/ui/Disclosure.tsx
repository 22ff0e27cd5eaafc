/** A <details> whose content is mounted only once opened (heavy editors and boards load when they are wanted). */
import { useEffect, useRef, useState, type ReactNode } from 'react';

export function Disclosure({ summary, children, className, openWhen = false }: { summary: ReactNode; children: ReactNode; className?: string; openWhen?: boolean }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDetailsElement>(null);
  // Opened from outside (e.g. the facilitator sends everyone to the room board); the reader can still close it.
  useEffect(() => {
    if (openWhen && ref.current) ref.current.open = true;
  }, [openWhen]);
  return (
    <details ref={ref} className={className} onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open ? children : null}
    </details>
  );
}
