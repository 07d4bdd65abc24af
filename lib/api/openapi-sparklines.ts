// The OpenAPI schemas of GET /api/v1/pipelines/sparklines: every pipeline's median duration,
// runs and failures per bucket of the window, for the overview's small charts.

import { BUCKETS } from "@/lib/metrics/series";
import type { PipelineSparkline, SparklinePoint, SparklinesReport } from "@/lib/metrics/sparklines";
import {
  arrayOf,
  count,
  dateTime,
  enumOf,
  id,
  METRICS_DOC,
  ms,
  nullable,
  object,
  ref,
} from "./openapi-schema.ts";
import type { JsonSchema } from "./openapi-types.ts";

const SparklinePointSchema = object<SparklinePoint>(
  `One bucket of a pipeline's sparkline: the definitions of ${METRICS_DOC} applied to the runs created in it.`,
  {
    start: dateTime("The bucket's start, on a UTC hour or day."),
    durationP50Ms: nullable(ms("Median duration of the successful runs; null without.")),
    runs: count("Completed runs."),
    failures: count("Runs that concluded failure, timed_out or startup_failure."),
  },
);

const PipelineSparklineSchema = object<PipelineSparkline>("One pipeline's points.", {
  id: id("The pipeline's id (its workflow id, as GET /api/v1/pipelines gives it)."),
  points: arrayOf(
    ref("SparklinePoint"),
    "Every bucket from the one holding the window's start to the one holding its end, empty ones included.",
  ),
});

const SparklinesReportSchema = object<SparklinesReport>(
  "Every pipeline of the tracked repositories (or of one), by workflow id, with a point per bucket.",
  {
    generatedAt: dateTime("When the report was computed."),
    window: ref("Window"),
    bucket: enumOf(BUCKETS, "`hour` for windows up to 48h, else `day`."),
    pipelines: arrayOf(ref("PipelineSparkline"), "The pipelines."),
  },
);

export const sparklineSchemas: Record<string, JsonSchema> = {
  SparklinePoint: SparklinePointSchema,
  PipelineSparkline: PipelineSparklineSchema,
  SparklinesReport: SparklinesReportSchema,
};
