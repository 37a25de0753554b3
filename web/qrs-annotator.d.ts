// Types of web/qrs-annotator.js (the ES module embedders use). Guide: docs/api.md.

/**
 * Which WebAssembly build runs: plain, 128-bit SIMD, SIMD + relaxed SIMD (fused multiply-add;
 * engines that validate f32x4.relaxed_madd), or SIMD + threads (cross-origin isolated pages).
 */
export type Variant = 'plain' | 'simd' | 'relaxed' | 'threads';

/**
 * Which inference backend runs the network: XNNPACK's kernels (SIMD variants only) or the
 * project's built-in ones. Both give the same results within 1e-4 (tested).
 */
export type Backend = 'xnnpack' | 'builtin';

export interface CreateAnnotatorOptions {
  /** 'auto' (default): the best variant this engine supports, falling back if its files are missing.
   *  A variant named here that this engine cannot run (threads in Node or on a page that is not
   *  cross-origin isolated; relaxed where relaxed SIMD does not validate) rejects with an Error
   *  saying why and what 'auto' would pick; it never falls back. */
  variant?: Variant | 'auto';
  /** 'auto' (default): the faster backend for the variant (docs/performance.md). 'xnnpack' with
   *  variant 'auto' skips the plain variant, which has no XNNPACK; with variant 'plain' it throws. */
  backend?: Backend | 'auto';
  /** Directory holding the module variants and the model (default: ./build/ next to this module). */
  buildUrl?: string | URL;
  /** The .wasm to use (default: buildUrl + qrs_annotator[_simd|_relaxed|_threads].wasm). */
  wasmUrl?: string | URL;
  /** The Emscripten JS module (default: wasmUrl with .mjs instead of .wasm). */
  moduleUrl?: string | URL;
  /** The .wasm bytes, instead of fetching wasmUrl (Node reads them itself when omitted). */
  wasmBinary?: Uint8Array | ArrayBuffer;
  /** The model file (default: buildUrl + qrs_unet.qrsm). */
  modelUrl?: string | URL;
  /** The model bytes, instead of fetching modelUrl. */
  modelBytes?: Uint8Array | ArrayBuffer;
  /** The noise reader: records whose leads agree on under 97 % of the beats are read again by
   *  it, and a one-lead record is read by both models and given to it where they agree on under
   *  97 % (default with the shipped model: buildUrl + qrs_unet_noisy.qrsm; none with modelUrl or
   *  modelBytes unless given). */
  noiseModelUrl?: string | URL;
  /** The noise reader's bytes, instead of fetching noiseModelUrl. */
  noiseModelBytes?: Uint8Array | ArrayBuffer;
  /** false: no noise reader, every record read by the model alone. */
  noiseModel?: false;
  /** Threads (threads variant only; default: the number of cores, at most 4): the leads of a
   *  record annotated in parallel, or, for a one-lead record on XNNPACK, each layer split over them. */
  threads?: number;
}

export interface ModelInfo {
  /** What this module was built with: its backends and codecs (tests check them). */
  build: { backends: string[]; codecs: string[] };
  name: string;
  /** The noise reader's model name, or null without one. */
  noiseReader: string | null;
  /** The model's own input rate; inputs at other rates are resampled internally. */
  sampleRateHz: number;
  /** Output channel names, e.g. ['onset', 'offset']. */
  outputs: string[];
  lengthMultiple: number;
  receptiveRadius: number;
  parameterCount: number;
  flopsPerSample: number;
  /** The inference backend in use ('auto' resolved). */
  backend: Backend;
}

export interface AnnotateOptions {
  /** Record name copied into the result; each warning starts with it (default 'record'). */
  record?: string;
  /** Lead names, in the order of `leads` (default lead0, lead1, ...). */
  leadNames?: string[];
  /** Event finding (the event options: `QrsAnnotator.eventOptionTable()` lists them, the same as
   *  ecg-annotate's flags and Python's keywords); omitted or undefined fields keep the model's
   *  validated defaults. A value outside its range or of the wrong type throws an Error naming
   *  the option; so does a key that is no option, listing those there are.
   *  Minimum peak probability, above 0 and below 1. */
  threshold?: number;
  /** 0-2000 ms. */
  refractoryMs?: number;
  /** Above 0, at most 500 ms. */
  minQrsMs?: number;
  /** Above minQrsMs, at most 500 ms. */
  maxQrsMs?: number;
  /** Half-width (0-150 ms) of the window whose probability mass centre is the boundary; 0 = peak. */
  centroidMs?: number;
  /** Share (0-1) of each lead's boundary taken from the beat's global boundary plus the lead's
   *  usual distance from it; 0 = every lead's own marks. Default 0.5. */
  conventionWeight?: number;
  /** The same share where the noise reader reads (`readBy`, `noiseReaderSpans`): a noisy lead's
   *  own boundaries scatter more, so they lean harder on the beat's. Default 0.8. */
  noiseConventionWeight?: number;
  /** Where a paced beat's QRS starts (its `onset` and `firstOnset`): 'spike' (default: at the
   *  pacemaker spike, as paced QRS duration is measured) or 'response' (at the ventricular
   *  response after it). Each lead's own `qrs` onsets are at that lead's response either way. */
  pacedOnset?: 'spike' | 'response';
  /** false: no pacemaker spike search (no spike is reported, the signal reaches the network as
   *  it is). Default true. */
  detectPacing?: boolean;
}

/** One event option as the core's table describes it (QrsAnnotator.eventOptionTable()). */
export interface EventOptionInfo {
  /** Its key in AnnotateOptions, e.g. 'minQrsMs'. */
  js: keyof AnnotateOptions;
  /** The same option as ecg-annotate's flag ('--min-qrs-ms'; a switch's flag turns it off:
   *  '--no-pacing') and as Python's keyword ('min_qrs_ms'). */
  cli: string;
  python: string;
  /** The core's EventOptions member it sets. */
  member: string;
  kind: 'number' | 'choice' | 'switch';
  /** The CLI's placeholder for its value ('MS'); '' for a switch. */
  metavar: string;
  /** One line of help; a switch's says what turning it off does. */
  help: string;
  /** Its values and default in words, e.g. 'above 0, at most 500; default 250' ('' for a switch). */
  values: string;
  default: number | string | boolean;
  /** A number's range; `inclusive` says whether low and high themselves are allowed. */
  low?: number;
  high?: number;
  inclusive?: [boolean, boolean];
  /** A choice's names. */
  choices?: string[];
}

/** One QRS complex in one lead. Positions are fractional samples at the input's rate. */
export interface QrsEvent {
  onset: number;
  offset: number;
  /** Peak probability at the detected onset / offset. */
  onsetProb: number;
  offsetProb: number;
  /** offset - onset in ms, one decimal as ecg-annotate --json writes durations. */
  durationMs: number;
}

export interface LeadAnnotation {
  name: string;
  /** One value in [0, 1] per input sample. */
  onsetProb: Float32Array;
  offsetProb: Float32Array;
  qrs: QrsEvent[];
  /** Stretches judged to hold no ECG (loose electrode, noise) or without samples (NaN): no qrs
   *  there, zero probabilities. Input samples [start, end), in time order. Empty for a sound lead. */
  silenced: { start: number; end: number }[];
}

/** One beat from the combined evidence of all leads. Positions in input samples (fractional). */
export interface Beat {
  /** Where a typical lead's QRS starts and ends: the boundaries on the mean of the leads'
   *  probability curves. */
  onset: number;
  offset: number;
  /** The beat's QRS across the leads: the earliest onset and the latest offset that any lead's
   *  `qrs` marks in this beat (onset / offset when no lead's complex overlaps it). */
  firstOnset: number;
  lastOffset: number;
  /** lastOffset - firstOnset in ms, one decimal as ecg-annotate --json writes it: the QRS duration
   *  across the leads. */
  durationMs: number;
  /** A pacemaker spike came 0-80 ms before this beat's ventricular response; with pacedOnset
   *  'spike' (the default) `onset` and `firstOnset` are that spike. */
  paced: boolean;
}

/** A pacemaker spike, found at the input's own rate before any resampling (and cut out of what
 *  the network sees when the model was trained without spikes). */
export interface PacingSpike {
  /** First sample of the spike, at the input's rate. */
  sample: number;
  /** How many leads show it. */
  leads: number;
}

export interface Annotation {
  record: string;
  fs: number;
  /** Samples per lead. */
  length: number;
  leads: LeadAnnotation[];
  beats: Beat[];
  /** Pacemaker spikes in time order; empty unless at least two beats (or a record's only beat)
   *  are paced. */
  pacingSpikes: PacingSpike[];
  /** The model whose marks these are: the annotator's, or its noise reader's when the leads (or,
   *  on one lead, the two models) agreed on under 97 % of the beats (a warning then says so). */
  readBy: string;
  /** Where the noise reader's marks and curves stand, input samples [start, end): the whole
   *  record when it was handed over, the noisy minutes of one of two minutes or more, or none. */
  noiseReaderSpans: { start: number; end: number }[];
  /** The reader's findings, and the annotator's: e.g. a lead flat or loose for a stretch, which
   *  then carries no marks there (docs/api.md). */
  warnings: string[];
}

export interface Lead {
  name: string;
  unit: string;
  /** Physical units (mV); NaN where the file marks a sample invalid. */
  samples: Float32Array;
}

export interface ECGRecord {
  name: string;
  source: string;
  fs: number;
  leads: Lead[];
  warnings: string[];
}

export interface NamedBytes {
  name: string;
  bytes: Uint8Array | ArrayBuffer;
}

export interface ReadOptions {
  /** Sampling rate for files that carry none (e.g. CSV without a time column, bare .npy). */
  fs?: number;
  /** How a person gives that rate in your app, for the "no sampling rate" error, e.g. 'type it
   *  in the rate box'. Default: 'the fs option of readFiles, e.g. { fs: 500 }'. */
  rateHint?: string;
  /** Read every channel as a lead, whatever its label says. Otherwise channels labelled as another
   *  kind of signal (EEG, EOG, SpO2, ...) are left out next to ECG, and a file whose every channel
   *  is so labelled is refused (docs/formats.md, "Channels that are not ECG"). Default false. */
  allChannels?: boolean;
  /** How a person asks for that in your app, for that refusal. Default: 'the allChannels option
   *  of readFiles, e.g. { allChannels: true }'. */
  allChannelsHint?: string;
}

export interface ReadResult {
  /** The primary file's name (e.g. '5.hea'). */
  file: string;
  /** 'wfdb', 'edf', 'bdf', 'ishne', 'csv', 'npy', 'npz' or 'json'. */
  format: string;
  records: ECGRecord[];
  /** Empty on success; else a message naming the file and the problem. */
  error: string;
  warnings: string[];
}

/** A file of a drop before it is read: its first bytes and its size. */
export interface FileHead {
  name: string;
  /** The first SIZE_CHECK_HEAD_BYTES of the file, or all of it when it is smaller. */
  head: Uint8Array | ArrayBuffer;
  /** The whole file's size in bytes. */
  size: number;
}

export interface SizeCheck {
  file: string;
  /** Why the readers would refuse the file for its size, naming it; '' when nothing shows. */
  problem: string;
  /** The refused WFDB header this file is a signal file of ('' when none): no need to read it. */
  refusedHeader: string;
}

/** How many first bytes of a file sizeProblems() looks at (1 MiB). */
export const SIZE_CHECK_HEAD_BYTES: number;

/** One annotation of a WFDB (MIT format) annotation file. */
export interface AnnotationMark {
  /** Sample number from the record's start. */
  sample: number;
  /** WFDB symbol: 'N', '(', ')', 'p', 't', ... ('[code]' for a code without one). */
  symbol: string;
  code: number;
  subtype: number;
  /** The signal (channel) the mark belongs to. */
  chan: number;
  num: number;
  /** Auxiliary text ('' when none); the page's exports put 'model' or 'edited' here. */
  aux: string;
}

export interface AnnotationFile {
  file: string;
  marks: AnnotationMark[];
  /** Empty on success; else a message naming the file and the problem. */
  error: string;
}

/** A QRS complex to write: positions in samples (rounded to whole samples in the file). */
export interface QrsMarkToWrite {
  onset: number;
  offset: number;
  /** 'edited' for a mark a person moved or added; anything else is written as 'model'. */
  source?: 'model' | 'edited';
}

/** Made by createAnnotator(), never with `new`; exported for `instanceof`. */
export class QrsAnnotator {
  private constructor();
  readonly variant: Variant;
  /** The inference backend in use ('auto' resolved). */
  readonly backend: Backend;
  readonly modelInfo: ModelInfo;
  /** Annotates one record: leads in mV, all the same length, at fs samples per second. Throws Error. */
  annotate(leads: Array<Float32Array | ArrayLike<number>>, fs: number, options?: AnnotateOptions): Annotation;
  /** The event options annotate() takes, from the core's one table of them. */
  eventOptionTable(): EventOptionInfo[];
  /** Reads one file (with its companions, e.g. a .hea's .dat). Rejects with an Error naming the file. */
  readFile(name: string, bytes: Uint8Array | ArrayBuffer, companions?: NamedBytes[], options?: ReadOptions): Promise<ReadResult>;
  /** Reads the files of one drop; a bad file gets `error` set and never spoils the others. */
  readFiles(files: NamedBytes[], options?: ReadOptions): Promise<ReadResult[]>;
  /**
   * Which files of a drop the readers would refuse for their size (an EDF/BDF header or a WFDB
   * header declaring more samples than they take, or a WFDB header without a length whose signal
   * files hold too many), from their heads and sizes, before their bytes are read.
   */
  sizeProblems(files: FileHead[]): SizeCheck[];
  /** Reads WFDB (MIT format) annotation files; a bad one gets `error` set, never throws for it. */
  readAnnotations(files: NamedBytes[]): AnnotationFile[];
  /**
   * QRS marks as WFDB annotation files: <record>.<lead> per lead, plus <record>.qrs for `beats`
   * (the QRS across the leads, e.g. each beat's firstOnset to lastOffset). Without `beats` there
   * is no <record>.qrs; an empty array writes one that holds no beats.
   */
  writeQrsAnnotations(record: string,
                      leads: { name: string; samples: Float32Array | ArrayLike<number>; qrs: QrsMarkToWrite[] }[],
                      beats?: QrsMarkToWrite[] | null): { name: string; bytes: Uint8Array }[];
  /** The raw forward pass on preprocessed input (channels last): length * outputs.length values. */
  runNetwork(input: Float32Array): Float32Array;
  /** Frees the wasm-side annotator; later calls throw. */
  dispose(): void;
}

export function createAnnotator(options?: CreateAnnotatorOptions): Promise<QrsAnnotator>;

/** The variant 'auto' would pick here (feature probes + crossOriginIsolated). */
export function detectVariant(): Variant;
/** A duration to one decimal as ecg-annotate --json writes it (C's "%.1f": an exact tie to the even tenth). */
export function roundToCliTenths(value: number): number;
