import { describe, expect, it } from 'vitest';
import { minimalPackFiles } from '../../tests/helpers/minimalPack';
import { assemblePack, formatIssue } from './pack';

const glossary = (terms: unknown[]) => ({ path: 'glossary/glossary.yaml', data: { id: 'glossary', title: 'Glossary', terms } });

describe('the glossary in a pack', () => {
  it('is counted in the summary as glossaryTerms', () => {
    const result = assemblePack([...minimalPackFiles(), glossary([{ id: 'slice', term: 'slice', definition: 'A subset.' }, { id: 'holdout', term: 'holdout', definition: 'Kept out.', concept: 'drift' }])], new Set());
    expect(result.ok && result.summary.glossaryTerms).toBe(2);
  });

  it('names a term whose concept does not exist, and a repeated term id', () => {
    const result = assemblePack([...minimalPackFiles(), glossary([{ id: 'slice', term: 'slice', definition: 'A subset.', concept: 'nope' }, { id: 'slice', term: 'again', definition: 'Twice.' }])], new Set());
    const issues = result.ok ? [] : result.issues.map((i) => formatIssue(i));
    expect(issues).toContainEqual('content/glossary/glossary.yaml: terms[1].id: "slice" is used twice in this glossary');
    const second = assemblePack([...minimalPackFiles(), glossary([{ id: 'slice', term: 'slice', definition: 'A subset.', concept: 'nope' }])], new Set());
    expect(second.ok ? [] : second.issues.map((i) => formatIssue(i))).toEqual(['content/glossary/glossary.yaml: terms[0].concept: "nope" is not the id of any concept in the pack']);
  });
});
