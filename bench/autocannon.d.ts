/** The part of autocannon's API the load benchmark uses (the package ships no types; @types/autocannon is not installed). */
declare module 'autocannon' {
  interface Options {
    url: string;
    connections?: number;
    duration?: number;
    headers?: Record<string, string>;
  }
  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
    '2xx': number;
    '3xx': number;
  }
  function autocannon(opts: Options): Promise<Result>;
  export default autocannon;
}
