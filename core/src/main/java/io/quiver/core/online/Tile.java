package io.quiver.core.online;

/**
 * One stored tile of an aggregation view: the partial aggregates of the events whose event_time
 * falls in the hop starting at {@code startMicros}, with the greatest created_timestamp among them.
 * The payload belongs to {@code io.quiver.core.aggregate}; this layout does not read it.
 */
public record Tile(long startMicros, int schemaId, long createdTimeMicros, byte[] payload) {
  public Tile {
    if (schemaId < 0) {
      throw new IllegalArgumentException("schema id must be >= 0: " + schemaId);
    }
    payload = payload.clone();
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }
}
