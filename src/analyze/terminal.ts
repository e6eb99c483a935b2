import type { Signal } from './signal.js';

/**
 * Terminal control sequences in text: ANSI CSI (colours, conceal, cursor moves, erase), OSC
 * (hyperlinks, window title, clipboard), and C0 overstrikes (backspace, bare carriage return)
 * that let a server show a terminal user something other than what the model reads. Pure.
 */

// eslint-disable-next-line no-control-regex
const MAYBE_CONTROL = /[\x1b\x9b\x08]|\r(?!\n)/;
// eslint-disable-next-line no-control-regex
export const CSI = /(?:\x1b\[|\x9b)([0-?]*)[ -/]*([@-~])/g;
// eslint-disable-next-line no-control-regex
export const OSC = /\x1b\](\d*);?([^\x07\x1b]{0,4096})(?:\x07|\x1b\\)/g;
// eslint-disable-next-line no-control-regex
const OTHER_ESCAPE = /\x1b(?:[PX^_][^\x1b]{0,4096}\x1b\\|[@-Z\\-_]|[c78=>])/g;
// eslint-disable-next-line no-control-regex
const OVERSTRIKE = /[^\r\n]{1,200}\r(?!\n)(?=[^\r\n])|[^\x08\r\n]\x08+/g;
// eslint-disable-next-line no-control-regex
const SGR_RESET = /(?:\x1b\[|\x9b)(?:0|28)?m/g;

const CURSOR_FINALS = new Set([
  'A',
  'B',
  'C',
  'D',
  'E',
  'F',
  'G',
  'H',
  'J',
  'K',
  'S',
  'T',
  'd',
  'f',
  's',
  'u',
]);

const MAX_SIGNALS = 32;

/** How far back an overstrike match can start from its carriage return. */
const OVERSTRIKE_REACH = 200;

/**
 * The matches of {@link OVERSTRIKE}, as `text.matchAll(OVERSTRIKE)` finds them, looking only near
 * bare carriage returns and backspaces: every match ends at a carriage return not followed by a
 * line feed (and reads the character after it) at most {@link OVERSTRIKE_REACH} characters on, or
 * covers a run of backspaces and the character before. Elsewhere the regex would try 200
 * characters at every position for nothing.
 */
function* overstrikes(text: string): Generator<RegExpExecArray> {
  if (!text.includes('\r') && !text.includes('\x08')) return;
  const scanner = new RegExp(OVERSTRIKE.source, OVERSTRIKE.flags);
  // Windows around bare carriage returns (not before a line feed) and backspace runs, merged
  // where they overlap or touch: every match lies inside one. They come in order of their ends;
  // `open` holds the merged ones a later window may still reach back to, in order.
  const open: [number, number][] = [];
  let first = 0;
  function* scan(window: [number, number]): Generator<RegExpExecArray> {
    const [start, end] = window;
    // The text up to the window's end: what the regex reads from inside the window.
    const head = text.slice(0, end);
    scanner.lastIndex = start;
    for (let match = scanner.exec(head); match !== null; match = scanner.exec(head)) yield match;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let window: [number, number];
    if (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a) {
      window = [Math.max(0, i - OVERSTRIKE_REACH), Math.min(text.length, i + 2)];
    } else if (c === 0x08) {
      let end = i;
      while (end < text.length && text.charCodeAt(end) === 0x08) end++;
      window = [Math.max(0, i - 1), end];
      i = end - 1;
    } else continue;
    for (let last = open.at(-1); last && open.length > first && window[0] <= last[1];) {
      window = [Math.min(window[0], last[0]), window[1]];
      open.pop();
      last = open.at(-1);
    }
    open.push(window);
    // A later window starts at most OVERSTRIKE_REACH before its carriage return: those ending
    // before that are final.
    while (first < open.length - 1 && (open[first]?.[1] ?? 0) < i + 1 - OVERSTRIKE_REACH) {
      const done = open[first++];
      if (done) yield* scan(done);
    }
  }
  for (; first < open.length; first++) {
    const done = open[first];
    if (done) yield* scan(done);
  }
}

function concealedText(text: string, from: number): string {
  SGR_RESET.lastIndex = from;
  const reset = SGR_RESET.exec(text);
  return text.slice(from, reset ? reset.index : Math.min(text.length, from + 400));
}

/**
 * Terminal escape sequences in `text`, each with what it does.
 *
 * @example
 * findTerminalEscapes('ok\x1b[8mrm -rf ~\x1b[0m'); // [{ rule: 'terminal.conceal', revealed: 'rm -rf ~', … }]
 */
export function findTerminalEscapes(text: string): Signal[] {
  if (!MAYBE_CONTROL.test(text)) return [];
  const signals: Signal[] = [];
  const push = (signal: Omit<Signal, 'kind'>): void => {
    if (signals.length < MAX_SIGNALS) signals.push({ kind: 'terminal-escape', ...signal });
  };
  // Once full, the scans below would only find signals `push` drops.
  const full = (): boolean => signals.length >= MAX_SIGNALS;
  for (const match of text.matchAll(CSI)) {
    if (full()) return signals;
    const [whole, params = '', final = ''] = match;
    const start = match.index;
    const end = start + whole.length;
    if (final === 'm') {
      const codes = params.split(/[;:]/);
      if (codes.includes('8')) {
        push({
          rule: 'terminal.conceal',
          start,
          end,
          message: 'An ANSI conceal sequence hides the text after it from a terminal user.',
          weight: 0.8,
          revealed: concealedText(text, end),
        });
      } else {
        push({
          rule: 'terminal.style',
          start,
          end,
          message: 'An ANSI colour/style sequence is embedded in the text.',
          weight: 0.2,
        });
      }
    } else if (CURSOR_FINALS.has(final)) {
      push({
        rule: 'terminal.cursor',
        start,
        end,
        message: 'An ANSI cursor-move or erase sequence can overwrite what a terminal shows.',
        weight: 0.6,
      });
    } else {
      push({
        rule: 'terminal.control',
        start,
        end,
        message: 'An ANSI control sequence is embedded in the text.',
        weight: 0.4,
      });
    }
  }
  for (const match of text.matchAll(OSC)) {
    if (full()) return signals;
    const [whole, command = '', body = ''] = match;
    const start = match.index;
    const end = start + whole.length;
    if (command === '8') {
      const url = body.slice(body.indexOf(';') + 1);
      if (url === '') continue;
      push({
        rule: 'terminal.hyperlink',
        start,
        end,
        message: 'An OSC 8 terminal hyperlink shows text that points somewhere else.',
        weight: 0.5,
        revealed: url,
      });
    } else if (command === '52') {
      push({
        rule: 'terminal.clipboard',
        start,
        end,
        message: 'An OSC 52 sequence writes to the clipboard of the terminal user.',
        weight: 0.8,
      });
    } else {
      push({
        rule:
          command === '0' || command === '1' || command === '2' ? 'terminal.title' : 'terminal.osc',
        start,
        end,
        message:
          'An OSC terminal sequence (window title or other control) is embedded in the text.',
        weight: 0.4,
      });
    }
  }
  for (const match of text.matchAll(OTHER_ESCAPE)) {
    if (full()) return signals;
    const start = match.index;
    if (text[start + 1] === '[' || text[start + 1] === ']') continue;
    push({
      rule: 'terminal.control',
      start,
      end: start + match[0].length,
      message: 'A terminal escape sequence is embedded in the text.',
      weight: 0.4,
    });
  }
  for (const match of overstrikes(text)) {
    if (full()) return signals;
    const start = match.index;
    const carriage = match[0].endsWith('\r');
    push({
      rule: 'terminal.overstrike',
      start,
      end: start + match[0].length,
      message: carriage
        ? 'A bare carriage return makes a terminal overwrite the text before it.'
        : 'Backspaces make a terminal erase the characters before them.',
      weight: carriage ? 0.35 : 0.4,
      // eslint-disable-next-line no-control-regex
      revealed: carriage ? match[0].slice(0, -1) : match[0].replace(/\x08+$/u, ''),
    });
  }
  return signals;
}

/** Escape sequences (CSI, OSC, DCS/SOS/PM/APC, two-byte ESC) and lone ESC/CSI bytes. */
const ESCAPE_OR_CONTROL =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]{0,4096}(?:\x07|\x1b\\)|\x1b[PX^_][^\x1b]{0,4096}\x1b\\|\x1b[ -/]*[0-~]|[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/g;
// eslint-disable-next-line no-control-regex
const MAYBE_ESCAPE = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]/;

/**
 * `text` without terminal control: ANSI CSI sequences (colours, conceal, cursor moves), OSC
 * sequences (hyperlinks keep their visible text; titles, clipboard writes go), other escape
 * sequences, and the C0/C1 control characters other than tab, line feed, form feed and carriage
 * return. Returns `text` itself (the same string) when there is nothing to strip.
 *
 * @example
 * stripTerminalEscapes('ok\x1b[8mrm -rf ~\x1b[0m'); // 'okrm -rf ~'
 */
export function stripTerminalEscapes(text: string): string {
  if (!MAYBE_ESCAPE.test(text)) return text;
  return text.replace(ESCAPE_OR_CONTROL, '');
}
