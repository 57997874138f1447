import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { clampText, cleanName, cleanNameGeneral, cleanText, countWords, graphemes, lineColumn, parseJson, uniqueName } from '../../../src/domain/text';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });
const reference = (t: string) =>
  [...segmenter.segment(t)].filter((s) => s.isWordLike || /[\p{Extended_Pictographic}\p{Regional_Indicator}]/u.test(s.segment)).length;

describe('countWords', () => {
  it('counts plain English like a person would', () => {
    assert.equal(countWords(''), 0);
    assert.equal(countWords('   '), 0);
    assert.equal(countWords('One word for your sprint.'), 5);
    assert.equal(countWords("don't stop, well-known 3.5 e.g."), 6);
    assert.equal(countWords('— … !!!'), 0);
  });

  it('counts each emoji (families, skin tones, flags) as one word', () => {
    assert.equal(countWords('👍'), 1);
    assert.equal(countWords('🎉🎉 great 👍🏽 👨‍👩‍👧 🇳🇱'), 6);
  });

  it('counts Chinese and Japanese by dictionary words, not characters or spaces', () => {
    const zh = countWords('我今天很累，但是很开心');
    assert.ok(zh >= 4 && zh <= 9, `zh ${zh}`);
    const ja = countWords('今日はとても疲れました');
    assert.ok(ja >= 3 && ja <= 8, `ja ${ja}`);
  });

  it('counts right-to-left scripts like any other', () => {
    assert.equal(countWords('שלום עולם, מה נשמע?'), 4);
    assert.equal(countWords('مرحبا بالعالم'), 2);
  });

  it('treats markup as text: words inside are counted, nothing is interpreted', () => {
    assert.equal(countWords('<script>alert(1)</script>'), 4);
  });

  it('agrees with Unicode word segmentation on the fast paths', () => {
    for (const t of ['Ich war müde aber zufrieden', 'don’t stop — it’s “fine”', 'Привет, мир! 3,5 руб.', 'naïve café', 'l’été', 'Ελληνικά κείμενα', '안녕하세요 세계']) {
      assert.equal(countWords(t), reference(t), t);
    }
    fc.assert(
      // No "_" here: ICU calls "__" a word but "_" not, a quirk we do not copy.
      fc.property(fc.stringMatching(/^[a-zA-Z0-9 .,;:'\-!?]{0,40}$/), (t) => countWords(t) === reference(t)),
      { numRuns: 500 },
    );
  });
});

describe('cleanName', () => {
  it('trims, collapses whitespace and keeps emoji and RTL letters', () => {
    assert.deepEqual(cleanName('  Sam \n\t  Lee  '), { name: 'Sam Lee', truncated: false });
    assert.equal(cleanName('Dana 🦊').name, 'Dana 🦊');
    assert.equal(cleanName('נועה').name, 'נועה');
  });

  it('strips control characters and bidi overrides that could spoof a name', () => {
    assert.equal(cleanName('Ad\u0000a\u0007').name, 'Ada');
    assert.equal(cleanName('\u202EnimdA\u202C').name, 'nimdA');
    assert.equal(cleanName('Sam\u2066\u2067\u2068\u2069\u200B\uFEFF').name, 'Sam');
  });

  it('keeps HTML as plain characters', () => {
    assert.equal(cleanName('<img src=x onerror=alert(1)>').name, '<img src=x onerror=alert(1)>');
  });

  it('the shortcut for clean ASCII names gives what the full cleaning gives (issue 12)', () => {
    // Mostly ASCII, with the characters each step of the cleaning acts on mixed in.
    const char = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
      { weight: 1, arbitrary: fc.constantFrom('\t', '\n', '\r', '\u0000', '\u001F', '\u007F', '\u0085', '\u00A0', '\u00E9', 'e\u0301') },
      { weight: 1, arbitrary: fc.constantFrom('\u200B', '\u200F', '\u202E', '\u2066', '\uFEFF', '\uD800', '\uDC00', '🦊', '  ') },
    );
    const name = fc.array(char, { maxLength: 30 }).map((cs) => cs.join(''));
    fc.assert(fc.property(name, fc.integer({ min: 0, max: 40 }), (n, max) => {
      assert.deepEqual(cleanName(n, max), cleanNameGeneral(n, max));
      assert.deepEqual(cleanName(n), cleanNameGeneral(n));
    }), { numRuns: 3000 });
    // The edges of the shortcut, each decided by the full cleaning where it must be.
    for (const n of ['', ' ', 'a ', ' a', 'a  b', 'a b', '~', '\u007F', 'x'.repeat(80), 'x'.repeat(81)]) {
      assert.deepEqual(cleanName(n), cleanNameGeneral(n), JSON.stringify(n));
    }
    assert.deepEqual(cleanName('Sam Lee'), { name: 'Sam Lee', truncated: false });
    assert.deepEqual(cleanName('Sam  Lee '), { name: 'Sam Lee', truncated: false });
    assert.deepEqual(cleanName('Ann\u007F'), { name: 'Ann', truncated: false });
  });

  it('cuts a 10,000-character name with an ellipsis and says so', () => {
    const r = cleanName('x'.repeat(10_000));
    assert.equal(r.truncated, true);
    assert.equal(r.name.length, 80);
    assert.ok(r.name.endsWith('…'));
  });

  it('never cuts an emoji in half', () => {
    const r = cleanName('👨‍👩‍👧'.repeat(40), 20);
    assert.ok(r.truncated);
    assert.ok(r.name.length <= 20);
    for (const g of graphemes(r.name.slice(0, -1))) assert.equal(g, '👨‍👩‍👧');
  });
});

describe('uniqueName', () => {
  it('adds (2), (3) for duplicates, case-insensitively', () => {
    assert.equal(uniqueName('Sam', []), 'Sam');
    assert.equal(uniqueName('Sam', ['Sam']), 'Sam (2)');
    assert.equal(uniqueName('sam', ['Sam', 'Sam (2)']), 'sam (3)');
  });

  it('stays within the limit even with the suffix', () => {
    const long = 'y'.repeat(80);
    const r = uniqueName(long, [long]);
    assert.ok(r.length <= 80, String(r.length));
    assert.ok(r.endsWith(' (2)'));
  });
});

describe('clampText and cleanText', () => {
  it('leaves short text alone and cuts long text with a flag', () => {
    assert.deepEqual(clampText('hello', 10), { text: 'hello', truncated: false });
    const r = clampText('hello world', 6);
    assert.deepEqual(r, { text: 'hello…', truncated: true });
  });

  it('keeps line breaks but drops control and override characters', () => {
    assert.deepEqual(cleanText(' a\r\nb\u0000\u202E c ', 100), { text: 'a\nb c', truncated: false });
    assert.equal(cleanText('<script>alert("x")</script>', 100).text, '<script>alert("x")</script>');
  });
});

describe('parseJson', () => {
  it('reports line and column of a syntax error', () => {
    const r = parseJson('{\n  "a": 1,\n  "b": }');
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.line, 3);
      assert.equal(r.column, 8);
      assert.match(r.message, /line 3, column 8/);
    }
  });

  it('calls a cut-off file truncated', () => {
    const r = parseJson('{\n  "a": [1,');
    assert.equal(r.ok, false);
    if (!r.ok) assert.match(r.message, /truncated/);
  });

  it('finds faults of several kinds', () => {
    for (const [text, line] of [['{"a" 1}', 1], ['[1,\n2,,3]', 2], ['{"a": tru}', 1], ['{"a":1}\n x', 2], ['{"a": "x\ny"}', 1]] as const) {
      const r = parseJson(text);
      assert.equal(r.ok, false, text);
      if (!r.ok) assert.equal(r.line, line, text);
    }
    assert.deepEqual(lineColumn('ab\ncd', 4), { line: 2, column: 2 });
  });
});
