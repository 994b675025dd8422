package io.quiver.core.online;

import java.util.List;

/** What a {@link ReadPlan} read, by view (index in the plan) and entity row. */
public final class ReadResult {
  private final Object[][] results;

  ReadResult(Object[][] results) {
    this.results = results;
  }

  /**
   * The select record of a row, its values in the order of the view's {@link ViewRead#schema()}
   * (null for features its stored schema lacks), or null when nothing is stored (or it expired).
   */
  public SelectRecord select(int view, int row) {
    if (results[view][row] instanceof List) {
      throw new IllegalArgumentException("view " + view + " is an aggregation view");
    }
    return (SelectRecord) results[view][row];
  }

  /** The stored tiles of a row of an aggregation view, by start; empty when none. */
  @SuppressWarnings("unchecked")
  public List<Tile> tiles(int view, int row) {
    if (results[view][row] instanceof SelectRecord || results[view][row] == null) {
      throw new IllegalArgumentException("view " + view + " is a select view");
    }
    return (List<Tile>) results[view][row];
  }
}
