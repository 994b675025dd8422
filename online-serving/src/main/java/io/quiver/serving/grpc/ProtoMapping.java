package io.quiver.serving.grpc;

import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.types.v1.Value;
import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.OnlineFeaturesQuery;
import io.quiver.serving.app.ValueStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Request proto → {@link OnlineFeaturesQuery}; answer columns → response proto. Nothing else. */
final class ProtoMapping {
  private static final FeatureStatus[] STATUSES;

  static {
    ValueStatus[] all = ValueStatus.values();
    STATUSES = new FeatureStatus[all.length];
    for (ValueStatus s : all) {
      STATUSES[s.ordinal()] = status(s);
    }
  }

  private ProtoMapping() {}

  static OnlineFeaturesQuery query(GetOnlineFeaturesRequest request) {
    List<Map<String, Object>> rows = new ArrayList<>(request.getEntityRowsCount());
    for (EntityRow row : request.getEntityRowsList()) {
      Map<String, Object> keys = new HashMap<>();
      for (Map.Entry<String, Value> e : row.getJoinKeysMap().entrySet()) {
        keys.put(e.getKey(), ProtoValues.toJava(e.getValue()));
      }
      rows.add(keys);
    }
    return request.hasFeatureList()
        ? OnlineFeaturesQuery.ofRefs(
            request.getProject(), request.getFeatureList().getRefsList(), rows)
        : OnlineFeaturesQuery.ofService(request.getProject(), request.getFeatureService(), rows);
  }

  /**
   * The answer as the generated message: the reference for {@link ResponseEncoder}, which writes
   * the same bytes without building it.
   */
  static GetOnlineFeaturesResponse response(List<FeatureColumn> columns) {
    GetOnlineFeaturesResponse.Builder out = GetOnlineFeaturesResponse.newBuilder();
    for (int i = 0, n = columns.size(); i < n; i++) {
      FeatureColumn c = columns.get(i);
      // Each column built on its own and added whole: cheaper than nested builders.
      io.quiver.proto.serving.v1.FeatureColumn.Builder col =
          io.quiver.proto.serving.v1.FeatureColumn.newBuilder()
              .setName(c.name())
              .setViewVersion(c.viewVersion());
      for (int row = 0, rows = c.size(); row < rows; row++) {
        col.addValues(ProtoValues.toProto(c.type(), c.value(row)))
            .addStatuses(STATUSES[c.status(row).ordinal()])
            .addEventTimeMicros(c.eventTimeMicros(row))
            .addAgeMicros(c.ageMicros(row));
      }
      out.addFeatures(col.build());
    }
    return out.build();
  }

  /** The wire number of a status. */
  static int statusNumber(ValueStatus s) {
    return STATUSES[s.ordinal()].getNumber();
  }

  private static FeatureStatus status(ValueStatus s) {
    return switch (s) {
      case PRESENT -> FeatureStatus.PRESENT;
      case NOT_FOUND -> FeatureStatus.NOT_FOUND;
      case NULL_VALUE -> FeatureStatus.NULL_VALUE;
      case OUTSIDE_MAX_AGE -> FeatureStatus.OUTSIDE_MAX_AGE;
      case UNREADABLE -> FeatureStatus.UNREADABLE;
    };
  }
}
