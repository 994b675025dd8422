package io.quiver.serving.grpc;

import io.quiver.core.model.ValueType;
import io.quiver.proto.serving.v1.EntityRow;
import io.quiver.proto.serving.v1.FeatureStatus;
import io.quiver.proto.serving.v1.GetOnlineFeaturesRequest;
import io.quiver.proto.serving.v1.GetOnlineFeaturesResponse;
import io.quiver.proto.types.v1.Value;
import io.quiver.serving.app.FeatureColumn;
import io.quiver.serving.app.OnlineFeaturesQuery;
import io.quiver.serving.app.ServedView;
import io.quiver.serving.app.ValueStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Request proto → {@link OnlineFeaturesQuery}; answer columns → response proto. Nothing else. */
final class ProtoMapping {
  private static final FeatureStatus[] STATUSES;
  private static final io.quiver.proto.types.v1.ValueType[] TYPES;

  static {
    ValueType[] types = ValueType.values();
    TYPES = new io.quiver.proto.types.v1.ValueType[types.length];
    for (ValueType t : types) {
      TYPES[t.ordinal()] = io.quiver.proto.types.v1.ValueType.valueOf("VALUE_TYPE_" + t.name());
    }
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
    Map<ServedView, Integer> views = new IdentityHashMap<>();
    for (FeatureColumn c : columns) {
      Integer view = views.get(c.view());
      if (view == null) {
        view = views.size();
        views.put(c.view(), view);
        out.addViews(servedView(c.view()));
      }
      io.quiver.proto.serving.v1.FeatureColumn.Builder col =
          io.quiver.proto.serving.v1.FeatureColumn.newBuilder()
              .setName(c.name())
              .setViewVersion(c.viewVersion())
              .setView(view)
              .setType(TYPES[c.type().ordinal()]);
      for (int row = 0, rows = c.size(); row < rows; row++) {
        col.addStatuses(STATUSES[c.status(row).ordinal()]);
        ProtoValues.add(col, c.type(), c.value(row));
        if (c.status(row) == ValueStatus.OUTSIDE_MAX_AGE && c.value(row) == null) {
          col.addNullRows(row);
        }
      }
      out.addFeatures(col.build());
    }
    return out.build();
  }

  private static io.quiver.proto.serving.v1.ServedView servedView(ServedView view) {
    io.quiver.proto.serving.v1.ServedView.Builder b =
        io.quiver.proto.serving.v1.ServedView.newBuilder()
            .setName(view.name())
            .setVersion(view.version());
    for (int row = 0; row < view.size(); row++) {
      b.addEventTimeMicros(view.eventTimeMicros(row)).addAgeMicros(view.ageMicros(row));
    }
    return b.build();
  }

  /** The wire number of a value type. */
  static int typeNumber(ValueType type) {
    return TYPES[type.ordinal()].getNumber();
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
