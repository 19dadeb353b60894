/** One benchmark figure, always a ratio against a baseline measured in the same run. */
export interface BenchResult {
  name: string;
  /** Throughput of the measured code, where the figure is a rate. */
  opsPerSec?: number;
  /** Wall time of the measured code, where the figure is a duration. */
  seconds?: number;
  /** What the ratio compares against (measured in the same run). */
  baseline: string;
  /** measured ÷ baseline for rates; baseline ÷ measured for durations: above 1 means faster. */
  ratio: number;
  note?: string;
}
