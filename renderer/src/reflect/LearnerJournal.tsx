/**
 * The learner's private journal and exit ticket (issue 13, point 4).
 *
 * Owns: the journal screen — the current phase's prompts first, then the other phases' and the lesson's reflection
 * questions — each answer a plain text area bound to its own Y.Text in `learner/<id>/journal` (readable and
 * writable by this learner only; the room client keeps it in IndexedDB on the device and the host keeps it too);
 * and the exit ticket form, sent as the `exit-ticket` command (the host publishes only an anonymous aggregate to
 * the facilitator). The device remembers what it sent in the journal's `exit` map, so the form shows it on reload.
 */
import { useState, type FormEvent } from 'react';
import type { RoomClient } from '../../../shared/sync/roomClient';
import { CONFIDENCE_MAX, CONFIDENCE_MIN, EXIT_TEXT_MAX, type ExitTicket } from '../../../shared/room/exitTicket';
import type { ExitTicketContent } from '../../../shared/content/schema';
import { useContent } from '../content/ContentProvider';
import { commandId } from '../live/liveState';
import { useYMapJson } from '../sync/RoomProvider';
import { SharedTextArea } from '../room/SharedTextArea';
import { Disclosure } from '../ui/Disclosure';
import { Markdown } from '../ui/Markdown';

export function journalDocName(learnerId: string): string {
  return `learner/${learnerId}/journal`;
}

function Prompt({ client, doc, field, prompt, readOnly }: { client: RoomClient; doc: string; field: string; prompt: string; readOnly: boolean }) {
  return <SharedTextArea ytext={client.doc(doc).getText(field)} id={`journal-${field.replace(/[^a-z0-9-]/gi, '-')}`} label={prompt} readOnly={readOnly} />;
}

export function LearnerJournal({ client, phaseId }: { client: RoomClient; phaseId: string | null }) {
  const { pack } = useContent();
  const learnerId = client.welcome?.role === 'learner' ? client.welcome.learnerId : null;
  if (!learnerId) return null;
  const doc = journalDocName(learnerId);
  const readOnly = client.readOnly;
  const order = pack.lesson.phases.map((id) => pack.phases.find((p) => p.id === id)).filter((p) => p !== undefined);
  const current = order.find((p) => p.id === phaseId);
  const others = order.filter((p) => p !== current && (p.journalPrompts?.length ?? 0) > 0);
  const ticket = pack.lesson.exitTicket;
  return (
    <div className="stack" data-testid="journal">
      <p className="muted">Only you can read this journal. It is saved on this device and kept for you by the room; the facilitator cannot open it.</p>
      {current?.journalPrompts?.length ? (
        <div className="card" data-testid="journal-current">
          <div className="eyebrow">Now · {current.title}</div>
          {current.journalPrompts.map((prompt, i) => (
            <Prompt key={i} client={client} doc={doc} field={`${current.id}:${i}`} prompt={prompt} readOnly={readOnly} />
          ))}
        </div>
      ) : null}
      <Disclosure summary="Earlier and later phases">
        {others.map((phase) => (
          <div key={phase.id} className="card">
            <div className="eyebrow">{phase.title}</div>
            {phase.journalPrompts!.map((prompt, i) => (
              <Prompt key={i} client={client} doc={doc} field={`${phase.id}:${i}`} prompt={prompt} readOnly={readOnly} />
            ))}
          </div>
        ))}
        <div className="card">
          <div className="eyebrow">After the workshop</div>
          {pack.lesson.reflection.learners.map((prompt, i) => (
            <Prompt key={i} client={client} doc={doc} field={`after:${i}`} prompt={prompt} readOnly={readOnly} />
          ))}
        </div>
      </Disclosure>
      {ticket ? <ExitTicketForm client={client} doc={doc} content={ticket} open={phaseId === order[order.length - 1]?.id} /> : null}
    </div>
  );
}

function ConfidenceScale({ name, label, value, onChange, content }: { name: string; label: string; value: number | null; onChange(v: number): void; content: ExitTicketContent }) {
  const levels = Array.from({ length: CONFIDENCE_MAX - CONFIDENCE_MIN + 1 }, (_, k) => CONFIDENCE_MIN + k);
  return (
    <fieldset style={{ border: 0, padding: 0, margin: '10px 0' }}>
      <legend>
        <Markdown text={label} inline />
      </legend>
      <div role="radiogroup" aria-label={label} className="tags" style={{ alignItems: 'center' }}>
        <span className="muted">{content.scale.minLabel}</span>
        {levels.map((n) => (
          <label key={n} className="tag" style={{ fontSize: '1rem' }}>
            <input type="radio" name={name} checked={value === n} onChange={() => onChange(n)} aria-label={`${label}: ${n}`} /> {n}
          </label>
        ))}
        <span className="muted">{content.scale.maxLabel}</span>
      </div>
    </fieldset>
  );
}

function ExitTicketForm({ client, doc, content, open }: { client: RoomClient; doc: string; content: ExitTicketContent; open: boolean }) {
  const sent = useYMapJson<{ ticket?: ExitTicket }>(client, doc, 'exit')?.ticket ?? null;
  const [draft, setDraft] = useState<{ change: string; question: string; before: number | null; after: number | null } | null>(null);
  const form = draft ?? { change: sent?.change ?? '', question: sent?.question ?? '', before: sent?.before ?? null, after: sent?.after ?? null };
  const set = (patch: Partial<typeof form>) => setDraft({ ...form, ...patch });
  const complete = form.before !== null && form.after !== null && (form.change.trim() !== '' || form.question.trim() !== '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!complete) return;
    const ticket: ExitTicket = { change: form.change.trim(), question: form.question.trim(), before: form.before!, after: form.after! };
    client.command(commandId('exit'), { cmd: 'exit-ticket', ...ticket });
    client.doc(doc).getMap('exit').set('ticket', ticket);
    setDraft(null);
  };
  return (
    <Disclosure summary="Exit ticket" openWhen={open || sent !== null}>
      <form className="card" onSubmit={submit} data-testid="exit-ticket">
        {content.intro ? <Markdown text={content.intro} /> : null}
        <div className="form-row">
          <label htmlFor="exit-change">{content.change}</label>
          <textarea id="exit-change" className="input" maxLength={EXIT_TEXT_MAX} value={form.change} onChange={(e) => set({ change: e.target.value })} />
        </div>
        <div className="form-row">
          <label htmlFor="exit-question">{content.question}</label>
          <textarea id="exit-question" className="input" maxLength={EXIT_TEXT_MAX} value={form.question} onChange={(e) => set({ question: e.target.value })} />
        </div>
        <ConfidenceScale name="exit-before" label={content.confidenceBefore} value={form.before} onChange={(before) => set({ before })} content={content} />
        <ConfidenceScale name="exit-after" label={content.confidenceAfter} value={form.after} onChange={(after) => set({ after })} content={content} />
        <div className="page-actions">
          <button type="submit" className="btn btn-primary" disabled={!complete || client.readOnly}>
            {sent ? 'Send my new answers' : 'Send exit ticket'}
          </button>
          {sent && !draft ? (
            <span className="muted" role="status" data-testid="exit-ticket-sent">
              Sent, without your name. Sending again replaces it.
            </span>
          ) : null}
        </div>
      </form>
    </Disclosure>
  );
}
