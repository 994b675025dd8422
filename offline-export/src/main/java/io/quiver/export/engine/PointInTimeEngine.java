package io.quiver.export.engine;

import java.nio.file.Path;

/**
 * Runs a point-in-time join and writes the dataset file. Every engine (DuckDB on one machine, Spark
 * later) gives the same rows for the same query: SPEC's rule for select views, the aggregation
 * semantics for aggregation views, every entity row once and in input order, its own columns first.
 */
public interface PointInTimeEngine {

  /**
   * Checks the entity input against the query's join keys (columns, types, non-empty) without
   * running the join.
   *
   * @throws BadExportInputException naming the problem
   */
  void validate(PointInTimeQuery query);

  /**
   * Writes the dataset to {@code target}, atomically: a failed run leaves no file there.
   *
   * @return the number of rows written (the number of entity rows)
   * @throws BadExportInputException when the entity input is not usable
   */
  long export(PointInTimeQuery query, OutputFormat format, Path target, Progress progress);

  /** Receives the fraction of the work done, 0 to 1. */
  @FunctionalInterface
  interface Progress {
    void report(double fraction);

    Progress NONE = f -> {};
  }
}
