package io.quiver.serving.app;

import io.quiver.core.online.ReadResult;
import io.quiver.core.online.ViewRead;
import io.quiver.core.value.EpochMicros;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request against a {@link ServingShape} (resolved once per catalog and request shape): the
 * entity keys of its rows, the reads to send (one per view version, every row), and the assembly of
 * the answer from what the store returned.
 */
final class ServingPlan {
  private final ServingShape shape;
  private final List<ViewRead> reads;
  private final int rows;

  private ServingPlan(ServingShape shape, List<ViewRead> reads, int rows) {
    this.shape = shape;
    this.reads = reads;
    this.rows = rows;
  }

  /**
   * @throws InvalidRequestException naming a missing or mistyped join key
   */
  static ServingPlan of(ServingShape shape, List<Map<String, Object>> entityRows) {
    List<List<byte[]>> keys = new ArrayList<>(shape.keySets.size());
    for (int k = 0; k < shape.keySets.size(); k++) {
      keys.add(null);
    }
    List<ViewRead> reads = new ArrayList<>(shape.groups.length);
    for (int g = 0; g < shape.groups.length; g++) {
      int ks = shape.keySetOfGroup[g];
      List<byte[]> entityKeys = keys.get(ks);
      if (entityKeys == null) {
        entityKeys =
            EntityKeys.encode(
                shape.keySets.get(ks), shape.keyMap, entityRows, shape.keySetView[ks]);
        keys.set(ks, entityKeys);
      }
      reads.add(shape.groups[g].read(shape.project, entityKeys));
    }
    return new ServingPlan(shape, reads, entityRows.size());
  }

  List<ViewRead> reads() {
    return reads;
  }

  /** The answer, one column per requested feature, each with a value and status per row. */
  List<FeatureColumn> answer(ReadResult result, Instant now) {
    long nowMicros = EpochMicros.of(now);
    ViewGroup[] groups = shape.groups;
    ViewGroup.Row[][] read = new ViewGroup.Row[groups.length][rows];
    ServedView[] served = new ServedView[groups.length];
    for (int g = 0; g < groups.length; g++) {
      ServedView view =
          new ServedView(groups[g].version().view(), groups[g].version().version(), rows);
      for (int row = 0; row < rows; row++) {
        ViewGroup.Row r = groups[g].row(result, g, row, nowMicros, now);
        read[g][row] = r;
        if (r.absent() == null) {
          view.set(row, r.eventTimeMicros(), nowMicros - r.eventTimeMicros());
        }
      }
      served[g] = view;
    }
    List<FeatureColumn> out = new ArrayList<>(shape.columns.length);
    for (ServingShape.Column c : shape.columns) {
      ViewGroup.Row[] groupRows = read[c.group()];
      long maxAge = groups[c.group()].maxAgeMicros();
      FeatureColumn column = new FeatureColumn(c.name(), served[c.group()], c.type());
      for (int row = 0; row < rows; row++) {
        ViewGroup.Row r = groupRows[row];
        if (r.absent() != null) {
          column.set(row, null, r.absent());
        } else {
          Object value = r.values().get(c.index());
          column.set(row, value, ValueStatus.of(value, nowMicros - r.eventTimeMicros(), maxAge));
        }
      }
      out.add(column);
    }
    return out;
  }
}
