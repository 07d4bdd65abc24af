// The part of autocannon's API the load benchmark uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; max: number; p50: number; p99: number; total: number };
  export type Result = {
    requests: Histogram;
    latency: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  };
  export type Options = {
    url: string;
    connections: number;
    duration: number;
    requests?: { method?: string; path: string }[];
    timeout?: number;
  };
  export default function autocannon(options: Options): Promise<Result>;
}
