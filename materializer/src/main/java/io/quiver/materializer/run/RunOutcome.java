package io.quiver.materializer.run;

import java.util.Map;

/** What one attempt of a run did: counts, quality report (JSON), stage timings in millis. */
public record RunOutcome(
    int version,
    long rowsRead,
    long rowsWritten,
    long rowsRejected,
    String quality,
    Map<String, Long> stages,
    String warning) {}
