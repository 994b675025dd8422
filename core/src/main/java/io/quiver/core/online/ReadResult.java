package io.quiver.core.online;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link ReadPlan} read, by view (index in the plan) and entity row. A stored value that
 * could not be decoded (an unknown format version or schema id, e.g. written by a newer
 * materializer, or corrupt bytes) is {@linkplain #unreadable unreadable} on its own: the other
 * values of the request still read.
 */
public final class ReadResult {
  /** A value whose bytes did not decode, with the reason. */
  record Unreadable(String reason) {}

  private final Object[][] results;

  ReadResult(Object[][] results) {
    this.results = results;
  }

  /**
   * Why this value's stored bytes could not be decoded, or empty when they could (or are absent).
   */
  public Optional<String> unreadable(int view, int row) {
    return results[view][row] instanceof Unreadable u ? Optional.of(u.reason()) : Optional.empty();
  }

  /**
   * The select record of a row, its values in the order of the view's {@link ViewRead#schema()}
   * (null for features its stored schema lacks), or null when nothing is stored (or it expired).
   *
   * @throws IllegalStateException when the value is {@linkplain #unreadable unreadable}
   */
  public SelectRecord select(int view, int row) {
    Object r = readable(view, row);
    if (r instanceof List) {
      throw new IllegalArgumentException("view " + view + " is an aggregation view");
    }
    return (SelectRecord) r;
  }

  /**
   * The stored tiles of a row of an aggregation view, by start; empty when none.
   *
   * @throws IllegalStateException when a tile is {@linkplain #unreadable unreadable}
   */
  @SuppressWarnings("unchecked")
  public List<Tile> tiles(int view, int row) {
    Object r = readable(view, row);
    if (!(r instanceof List)) {
      throw new IllegalArgumentException("view " + view + " is a select view");
    }
    return (List<Tile>) r;
  }

  private Object readable(int view, int row) {
    Object r = results[view][row];
    if (r instanceof Unreadable u) {
      throw new IllegalStateException("unreadable value: " + u.reason());
    }
    return r;
  }
}
