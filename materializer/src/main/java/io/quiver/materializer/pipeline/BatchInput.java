package io.quiver.materializer.pipeline;

import io.quiver.materializer.run.DeadLetters.Rejected;
import io.quiver.materializer.source.ColumnBatch;
import io.quiver.materializer.source.FileRef;
import java.time.Instant;
import java.util.List;

/**
 * One run's input from its source: the valid rows (curated layout), the rows still to ingest into
 * the curated table (files no view ingested yet), what was rejected and why, the columns the source
 * has but does not declare, and the positions that identify the batch.
 *
 * @param files the files of the batch (FILE); empty for POSTGRES
 * @param watermark the newest created time read (POSTGRES), else null
 * @param positions the batch's source positions as text, stable across re-runs
 */
public record BatchInput(
    ColumnBatch rows,
    ColumnBatch uncurated,
    List<FileRef> uncuratedFiles,
    long rejectedCount,
    List<Rejected> rejected,
    List<String> extraColumns,
    List<FileRef> files,
    Instant watermark,
    String positions) {}
