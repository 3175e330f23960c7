/**
 * Local type declaration for the `xliff` npm package (6.4.0), which ships none. Only what kioku uses,
 * typed from its sources (lib/jsToXliff12.js, js2xliff.js, xliff12ToJs.js, xliff2js.js). Its
 * functions return a Promise without a callback; with a callback they run synchronously and return
 * the result. They may report an `Error` through the callback instead of throwing, and the writers
 * mutate their input (e.g. set `source = ''`). Use them only through src/xliff/package.ts.
 */
declare module 'xliff' {
  /** Text, or inline elements as the package models them (`{ Standalone: { id } }`…). */
  export type XliffContent = string | Array<string | Record<string, unknown>>;

  export interface XliffUnitJs {
    source?: XliffContent;
    target?: XliffContent;
    /** One note or several. */
    note?: string | string[];
    additionalAttributes?: Record<string, string>;
  }

  export interface XliffGroupJs {
    groupUnits: Record<string, XliffUnitJs | XliffGroupJs>;
    additionalAttributes?: Record<string, string>;
  }

  export interface XliffJs {
    sourceLanguage: string;
    targetLanguage?: string;
    /** Keyed by file (1.2 `original`, 2.0 `<file id>`), then by unit or group id. */
    resources: Record<string, Record<string, XliffUnitJs | XliffGroupJs>>;
  }

  export interface XliffWriteOptions {
    /** Indentation; anything but '' also indents inside mixed content (changes the text). */
    indent?: string;
    xmlLangAttr?: boolean;
    inlineAsString?: boolean;
    targetXliffVersion?: '2.0' | '2.1' | '2.2';
  }

  export type XliffCallback<T> = (err: Error | null, result?: T) => void;

  export function jsToXliff12(obj: XliffJs, opt: XliffWriteOptions, cb: XliffCallback<string>): string;
  export function jsToXliff12(obj: XliffJs, opt?: XliffWriteOptions): Promise<string>;
  export function js2xliff(obj: XliffJs, opt: XliffWriteOptions, cb: XliffCallback<string>): string;
  export function js2xliff(obj: XliffJs, opt?: XliffWriteOptions): Promise<string>;
  export function xliff12ToJs(str: string, cb: XliffCallback<XliffJs>): XliffJs | Error | undefined;
  export function xliff12ToJs(str: string): Promise<XliffJs>;
  export function xliff2js(str: string, cb: XliffCallback<XliffJs>): XliffJs | Error | undefined;
  export function xliff2js(str: string): Promise<XliffJs>;
}
