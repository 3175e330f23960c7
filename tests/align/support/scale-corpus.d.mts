// Types of the shared scale-corpus recipe (plain JS so the benchmark on dist/ can use it too).
export interface ScaleUnit {
  source: string;
  target: string;
}
export interface ScaleDoc {
  name: string;
  units: ScaleUnit[];
  sourceLines: number[][];
  targetLines: number[][];
}
export declare function unitPool(shared: string, fixtures: string): Array<[string, string]>;
export declare function scaleDoc(pool: Array<[string, string]>, pairs: number, seed: number): ScaleDoc;
export declare function scaleTexts(doc: ScaleDoc): { ja: string; en: string };
