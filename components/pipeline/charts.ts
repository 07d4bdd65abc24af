// The chart drawings (recharts) as one chunk, loaded apart from the page's first JavaScript.
"use client";
export { CacheChart, RunsChart } from "./chart-bars";
export { DurationChart } from "./chart-duration";
export { RateChart } from "./chart-rate";
