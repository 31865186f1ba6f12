// Reading note text: sentences, transcripts, rich text, Stagecoach's own notes, negation windows.
import { describe, expect, it } from 'vitest';
import { clauseBefore, closest, detectLanguage, isNegated, isStagecoachNote, noteSentences, plainText, splitSentences } from './text';

describe('sentences', () => {
  it.each([
    ['Budget approved. Next step: discovery.', ['Budget approved.', 'Next step: discovery.']],
    ['Moved to Id. Decision Makers. Then a demo.', ['Moved to Id. Decision Makers.', 'Then a demo.']],
    ['Met Mr. Brandt and J. Smith today. Good call!', ['Met Mr. Brandt and J. Smith today.', 'Good call!']],
    ['Raised to $1.5m in the U.S. market. Fine.', ['Raised to $1.5m in the U.S. market.', 'Fine.']],
    ['Is it in Spanish? About a third of our drivers prefer it.', ['Is it in Spanish?', 'About a third of our drivers prefer it.']],
    ['e.g. the Long Beach depot. 240 trucks.', ['e.g. the Long Beach depot.', '240 trucks.']],
    ['lower case after a stop. does not split', ['lower case after a stop. does not split']],
  ])('%s', (line, expected) => {
    expect(splitSentences(line)).toEqual(expected);
  });

  it('reads transcript lines with their speaker, bullets without their marker, and the title last', () => {
    const sentences = noteSentences({
      title: 'Ops call',
      content: '[00:02:14] Ann Carter: Good. Then installation.\n- Pilot in Long Beach\n\n[1:00:05] Legal (Sahyadri): Send us the MSA?',
    });
    expect(sentences.map((s) => [s.text, s.speaker, s.question, s.fromTitle])).toEqual([
      ['Good.', 'Ann Carter', false, false],
      ['Then installation.', 'Ann Carter', false, false],
      ['Pilot in Long Beach', null, false, false],
      ['Send us the MSA?', 'Legal (Sahyadri)', true, false],
      ['Ops call', null, false, true],
    ]);
  });

  it('reads Zoho rich text as plain text', () => {
    expect(plainText('<div>Budget&nbsp;approved &amp; signed</div><div>Next<br>step</div>')).toBe('Budget approved & signed\nNext\nstep\n');
  });
});

describe('Stagecoach’s own notes', () => {
  it.each([
    [{ title: 'Stagecoach: stage Qualification → Needs Analysis', content: 'x' }, true],
    [{ title: null, content: 'Stage changed.\n\nstagecoach:approve-42' }, true],
    [{ title: null, content: 'Stage changed.\n  Stagecoach:approve-42' }, true],
    [{ title: 'Stagecoaching tips', content: 'x' }, false],
    [{ title: null, content: 'We talked about stagecoach:approve in passing' }, false],
  ])('%j → %s', (note, expected) => {
    expect(isStagecoachNote(note)).toBe(expected);
  });
});

describe('negation', () => {
  const at = (sentence: string, phrase: string) => {
    const index = sentence.indexOf(phrase);
    return isNegated(sentence, index, index + phrase.length);
  };
  it.each([
    ['no budget confirmed yet', 'budget confirmed', true],
    ['the budget was not approved', 'budget was not approved', true],
    ['we did not get a chance to discuss pricing', 'pricing', true],
    ['no issues, budget approved', 'budget approved', false],
    ['not only budget approved but also signed', 'budget approved', false],
    ['no competitor involved and budget approved', 'budget approved', false],
    ['budget approval: pending', 'budget approval', true],
  ])('%s', (sentence, phrase, expected) => {
    expect(at(sentence, phrase)).toBe(expected);
  });

  it('reads at most the clause before the phrase', () => {
    expect(clauseBefore('grace declined, but the cfo signed off', 'grace declined, but the cfo signed off'.indexOf('signed'))).toBe('the cfo');
  });
});

describe('did you mean', () => {
  it.each([
    ['budget_aproved', ['budget_approved', 'budget_missing'], 'budget_approved'],
    ['whne', ['when', 'where'], 'when'],
    ['weather_is_nice', ['budget_approved', 'meeting_held'], null],
  ])('%s', (value, options, expected) => {
    expect(closest(value, options)).toBe(expected);
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Good call with Priya. Budget is approved for this fiscal year.', 'en'],
    ['Nos pidieron una cotización formal para 45 vehículos, con instalación incluida.', 'es'],
    ['Die Testphase läuft seit einer Woche in zwei Filialen.', 'de'],
    ['Le contrat est parti chez leur service juridique.', 'fr'],
    ['O cliente desistiu do projeto. Sem orçamento depois do corte de custos.', 'pt'],
    ['PO received', 'en'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});
