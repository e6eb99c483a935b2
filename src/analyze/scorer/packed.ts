import type { LinearModel, ModelKind } from './model.js';

/*
 * The packed form of the committed weights, apart from the training code (`train.ts`), which
 * re-exports it: scoring unpacks the weights without loading the trainer.
 */

/**
 * Quantised weights for the generated file: one signed byte per weight on a square-root scale
 * (`w = sign · (code / 127)² · scale`), which keeps the many small n-gram weights distinct.
 */
export interface PackedModel {
  kind: ModelKind;
  bias: number;
  threshold: number;
  high: number;
  scale: number;
  /** base64 of one signed byte per weight. */
  codes: string;
}

export function pack(model: LinearModel): PackedModel {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? max : 1;
  const bytes = new Uint8Array(model.weights.length);
  model.weights.forEach((w, i) => {
    const code = Math.round(127 * Math.sqrt(Math.abs(w) / scale));
    bytes[i] = (w < 0 ? -code : code) & 0xff;
  });
  let binary = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 8192));
  }
  return {
    kind: model.kind,
    bias: model.bias,
    threshold: model.threshold,
    high: model.high,
    scale,
    codes: btoa(binary),
  };
}

export function unpack(packed: PackedModel): LinearModel {
  const binary = atob(packed.codes);
  const weights = new Float32Array(binary.length);
  for (let i = 0; i < binary.length; i++) {
    const code = binary.charCodeAt(i);
    const signed = code > 127 ? code - 256 : code;
    const magnitude = (signed / 127) ** 2 * packed.scale;
    weights[i] = signed < 0 ? -magnitude : magnitude;
  }
  return {
    kind: packed.kind,
    weights,
    bias: packed.bias,
    threshold: packed.threshold,
    high: packed.high,
  };
}
