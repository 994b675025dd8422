package io.quiver.offline;

/** Names of the columns Quiver adds to every offline table. */
public final class StandardColumns {
  /** When the fact happened, UTC microseconds (timestamptz). */
  public static final String EVENT_TIMESTAMP = "event_timestamp";

  /** When Quiver could first have known the fact, UTC microseconds (timestamptz). */
  public static final String CREATED_TIMESTAMP = "created_timestamp";

  /** Start of a tile's hop, aligned to the UTC epoch (timestamptz). */
  public static final String TILE_START = "tile_start";

  /** Length of a tile's hop in seconds: one view may keep tiles of several hops. */
  public static final String HOP_SECONDS = "hop_seconds";

  private StandardColumns() {}
}
