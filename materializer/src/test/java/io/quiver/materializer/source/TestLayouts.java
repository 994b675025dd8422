package io.quiver.materializer.source;

import io.quiver.core.model.DataSource;
import io.quiver.core.model.Field;
import io.quiver.core.model.SourceType;
import java.util.List;

/** Curated layouts of a FILE source {@code events} for unit tests of the batch path. */
public final class TestLayouts {
  private TestLayouts() {}

  /**
   * The layout of source {@code events} with {@code schema}, its event time in {@code eventTime}
   * and its created time in {@code createdTime} (null: the event time).
   */
  public static CuratedLayout of(String eventTime, String createdTime, List<Field> schema) {
    return new CuratedLayout(
        new DataSource(
            "events",
            null,
            null,
            null,
            SourceType.FILE,
            "/nowhere/*.parquet",
            "PARQUET",
            null,
            null,
            null,
            null,
            null,
            eventTime,
            createdTime,
            schema,
            null));
  }
}
