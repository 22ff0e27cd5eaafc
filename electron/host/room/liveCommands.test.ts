import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { ask, migrateQa, upvote } from './liveCommands';

const HOST = Symbol('host');

describe('Q&A kept host-side', () => {
  it('publishes no author or upvoter, only counts; the host still counts each learner once', () => {
    const qa = new Y.Doc();
    const aside = new Y.Doc();
    ask(qa, aside, 'question-1', 'l-ada', 'Ada', 'Who labels the data?', true, HOST);
    upvote(qa, aside, 'question-1', 'l-bo', true, HOST);
    upvote(qa, aside, 'question-1', 'l-bo', true, HOST);
    expect(JSON.stringify(qa.toJSON())).not.toMatch(/l-ada|l-bo/);
    expect(qa.getMap('questions').get('question-1')).toMatchObject({ name: null, votes: 1 });
    expect(aside.getMap('owners').get('question-1')).toEqual({ author: 'l-ada', voters: ['l-bo'] });
  });

  it('moves authors and upvoters of questions saved before out of the readable document', () => {
    const qa = new Y.Doc();
    const aside = new Y.Doc();
    qa.getMap('questions').set('old', { text: 'Old?', name: null, author: 'l-cy', askedAt: '2026-01-01', voters: ['l-a', 'l-b'], answered: false, pinned: false, hidden: false });
    migrateQa(qa, aside, HOST);
    expect(qa.getMap('questions').get('old')).toEqual({ text: 'Old?', name: null, askedAt: '2026-01-01', votes: 2, answered: false, pinned: false, hidden: false });
    expect(aside.getMap('owners').get('old')).toEqual({ author: 'l-cy', voters: ['l-a', 'l-b'] });
    upvote(qa, aside, 'old', 'l-a', false, HOST);
    expect(qa.getMap('questions').get('old')).toMatchObject({ votes: 1 });
  });
});
