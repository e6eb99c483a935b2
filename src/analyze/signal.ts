/**
 * What a text analyzer found in a string: a kind, a stable sub-rule id, the span, and how sure
 * the analyzer is. Detectors (scan) and interceptors (gateway) both consume signals.
 */
export type SignalKind =
  /** Invisible or deceptive characters: tag characters, zero-width, bidi controls, variation selectors, homoglyph mixing. */
  | 'hidden-text'
  /** ANSI / terminal control sequences. */
  | 'terminal-escape'
  /** Text addressed to the model rather than to the user: hidden blocks, imperatives, secrecy. */
  | 'model-directive'
  /** A payload hidden in an encoding (base64, hex, URL, HTML entities) — with its decoding. */
  | 'encoded-payload'
  /** References to credentials, keys, wallets, other clients' configs. */
  | 'sensitive-target'
  /** A way to carry data out: send-to-URL instructions, markdown images with data, side channels. */
  | 'exfiltration'
  /** Instructions about other tools or servers: shadowing, priority hijacking. */
  | 'cross-tool'
  /** Secrets, private keys, mnemonics. */
  | 'secret'
  /** The trained scorer's verdict (`model.injection`), with the features that drove it. */
  | 'model';

export interface Signal {
  kind: SignalKind;
  /** Stable id of the pattern family that matched, e.g. `directive.ignore-previous`. */
  rule: string;
  /** [start, end) in the analysed text (UTF-16 offsets). */
  start: number;
  end: number;
  /** One sentence for people; never contains a raw secret. */
  message: string;
  /** 0..1: how strongly this alone indicates an attack. */
  weight: number;
  /** For hidden or encoded text: what it says once revealed. */
  revealed?: string;
  /** BCP 47 language of a matched directive pattern, when not English. */
  language?: string;
  /** For `model` signals: the probability and the features that pushed it up, strongest first. */
  model?: { probability: number; threshold: number; features: string[] };
}
