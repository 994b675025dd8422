package io.quiver.core.model;

import java.util.List;
import java.util.Map;

/**
 * Raw data a feature view reads. Which settings apply depends on {@link #type()}: FILE uses {@code
 * path} and {@code format} (PARQUET|CSV); POSTGRES uses {@code jdbcUrl}, {@code table} or {@code
 * query}, and {@code credentialsRef}; KAFKA uses {@code topic} and {@code format}
 * (JSON|DEBEZIUM_JSON); PUSH needs none. {@code credentialsRef} names an environment variable or
 * secret holding the credentials, never the password itself.
 */
public record DataSource(
    String name,
    String description,
    Map<String, String> tags,
    String owner,
    SourceType type,
    String path,
    String format,
    String jdbcUrl,
    String table,
    String query,
    String credentialsRef,
    String topic,
    String timestampField,
    String createdTimestampField,
    List<Field> schema,
    String allowedLateness)
    implements Definition {

  public static final String DEFAULT_ALLOWED_LATENESS = "1h";

  public DataSource {
    tags = Defaults.tags(tags);
    schema = Defaults.list(schema);
  }

  @Override
  public Kind kind() {
    return Kind.DATA_SOURCE;
  }

  /** The declared lateness, or SPEC's default of one hour. */
  public java.time.Duration allowedLatenessOrDefault() {
    return Durations.parse(allowedLateness == null ? DEFAULT_ALLOWED_LATENESS : allowedLateness);
  }

  /** The column giving when Quiver could first have known a record: declared, else event time. */
  public String effectiveCreatedField() {
    return createdTimestampField != null ? createdTimestampField : timestampField;
  }

  public java.util.Optional<Field> column(String columnName) {
    return schema.stream().filter(f -> f.name().equals(columnName)).findFirst();
  }
}
