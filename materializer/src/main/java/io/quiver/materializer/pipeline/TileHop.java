package io.quiver.materializer.pipeline;

import io.quiver.core.model.Aggregation;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Window;
import java.time.Duration;

/**
 * The one hop an aggregation view's tiles use: the view's {@code hop}, else the smallest default
 * hop of its windows (5 minutes when a window is at most a day, else 1 hour). Every window's own
 * hop is a multiple of it, so each window's sawtooth range is a whole number of tiles.
 */
public final class TileHop {
  private TileHop() {}

  public static Duration of(FeatureView view) {
    Duration hop = null;
    for (Aggregation a : view.aggregations()) {
      Duration h = view.window(a).hop();
      hop = hop == null || h.compareTo(hop) < 0 ? h : hop;
    }
    for (Aggregation a : view.aggregations()) {
      if (view.window(a).hop().toNanos() % hop.toNanos() != 0) {
        throw new IllegalArgumentException(
            "aggregation "
                + a.name()
                + ": its hop is not a multiple of the view's tile hop "
                + hop);
      }
    }
    return hop;
  }

  /** The largest sliding window plus its hop, or null when a window is lifetime (keep all). */
  public static Duration retentionWindow(FeatureView view) {
    Duration largest = Duration.ZERO;
    for (Aggregation a : view.aggregations()) {
      Window w = view.window(a);
      if (w.isLifetime()) {
        return null;
      }
      largest = w.size().compareTo(largest) > 0 ? w.size() : largest;
    }
    return largest;
  }
}
