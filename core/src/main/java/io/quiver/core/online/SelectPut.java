package io.quiver.core.online;

import java.time.Duration;
import java.util.List;

/**
 * Builds the write of a select view's latest value for one entity: one {@link
 * OnlineScript#SELECT_PUT} call, so the compare-and-set and the expiry take one round trip, and a
 * batch of them one pipelined round trip.
 *
 * <p>The key expires {@code expireAfterWrite} after the last accepted write. Pass the view's
 * maxAge: serving reports OUTSIDE_MAX_AGE from the event time while the key lives, and Redis frees
 * the memory once no write has refreshed it for maxAge. Null or zero: never expires.
 */
public final class SelectPut {
  private final String project;
  private final String view;
  private final int version;
  private final OnlineSchema schema;
  private final byte[] ttlMillis;

  public SelectPut(
      String project, String view, int version, OnlineSchema schema, Duration expireAfterWrite) {
    OnlineKeys.versionPattern(project, view, version); // validates the names
    this.project = project;
    this.view = view;
    this.version = version;
    this.schema = schema;
    this.ttlMillis = RedisCommand.ascii(Long.toString(millis(expireAfterWrite)));
  }

  /**
   * The call writing {@code values} (canonical values in schema order) for the entity whose {@link
   * EntityKeyCodec} bytes are {@code entityKey}.
   */
  public ScriptCall call(
      byte[] entityKey, long eventTimeMicros, long createdTimeMicros, List<Object> values) {
    byte[] record =
        SelectRecordCodec.encode(
            schema, new SelectRecord(schema.id(), eventTimeMicros, createdTimeMicros, values));
    byte[] key = OnlineKeys.key(project, view, version, entityKey);
    return new ScriptCall(OnlineScript.SELECT_PUT, List.of(key), List.of(record, ttlMillis));
  }

  static long millis(Duration d) {
    if (d == null) {
      return 0;
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("expiry must not be negative: " + d);
    }
    return d.toMillis();
  }
}
