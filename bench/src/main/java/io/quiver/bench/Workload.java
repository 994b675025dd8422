package io.quiver.bench;

import io.quiver.common.registry.ProjectCatalog;
import io.quiver.common.registry.ViewVersion;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.EntityKeyCodec;
import io.quiver.core.online.OnlineSchema;
import io.quiver.core.online.ReadPlan;
import io.quiver.core.online.RedisCommand;
import io.quiver.core.online.ViewRead;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The bench project: {@code VIEWS} select views of {@code FEATURES_PER_VIEW} DOUBLE features on one
 * INT64-keyed entity, and the request shapes over them.
 */
final class Workload {
  static final String PROJECT = "bench";
  static final int VIEWS = 5;
  static final int FEATURES_PER_VIEW = 10;

  /** A request shape: entity rows × features (features spread over views of ten). */
  record Shape(int entities, int features) {
    String label() {
      return entities + "x" + features;
    }

    /** Shapes written as {@code 1x10,100x50}. */
    static List<Shape> parse(String shapes) {
      List<Shape> out = new ArrayList<>();
      for (String s : shapes.split(",")) {
        String[] parts = s.trim().split("x");
        out.add(new Shape(Integer.parseInt(parts[0]), Integer.parseInt(parts[1])));
      }
      return out;
    }

    int views() {
      return features / FEATURES_PER_VIEW;
    }

    List<String> refs() {
      List<String> refs = new ArrayList<>();
      for (int v = 0; v < views(); v++) {
        for (int f = 0; f < FEATURES_PER_VIEW; f++) {
          refs.add(view(v) + ":" + feature(f));
        }
      }
      return refs;
    }
  }

  private Workload() {}

  static String view(int v) {
    return "v" + v;
  }

  static String feature(int f) {
    return "f" + f;
  }

  static byte[] entity(long id) {
    return EntityKeyCodec.encode(List.of(ValueType.INT64), List.of(id));
  }

  /** {@code variants} random sets of distinct entity ids for a shape. */
  static List<long[]> entitySets(Shape shape, int entities, int variants, long seed) {
    Random random = new Random(seed);
    List<long[]> out = new ArrayList<>(variants);
    for (int i = 0; i < variants; i++) {
      out.add(random.longs(0, entities).distinct().limit(shape.entities()).toArray());
    }
    return out;
  }

  static OnlineSchema schema(ProjectCatalog catalog, int view) {
    ViewVersion v = catalog.servingVersion(view(view)).orElseThrow();
    return new OnlineSchema(v.schemaId(), v.features());
  }

  /** The commands online serving sends for one request: the same core ReadPlan. */
  static List<RedisCommand> commands(ProjectCatalog catalog, Shape shape, long[] ids) {
    List<byte[]> keys = new ArrayList<>(ids.length);
    for (long id : ids) {
      keys.add(entity(id));
    }
    List<ViewRead> reads = new ArrayList<>();
    for (int v = 0; v < shape.views(); v++) {
      reads.add(ViewRead.select(PROJECT, view(v), 1, schema(catalog, v), keys));
    }
    return ReadPlan.of(reads).commands();
  }

  /** The registry objects, as JSON. */
  static List<String> definitions() {
    List<String> out = new ArrayList<>();
    out.add(
        "{\"kind\": \"Entity\", \"name\": \"user\", \"joinKeys\": [{\"name\": \"user_id\","
            + " \"type\": \"INT64\"}]}");
    StringBuilder columns =
        new StringBuilder(
            "{\"name\": \"user_id\", \"type\": \"INT64\"},"
                + " {\"name\": \"ts\", \"type\": \"TIMESTAMP\"}");
    for (int f = 0; f < FEATURES_PER_VIEW; f++) {
      columns.append(", {\"name\": \"c").append(f).append("\", \"type\": \"DOUBLE\"}");
    }
    out.add(
        "{\"kind\": \"DataSource\", \"name\": \"events\", \"type\": \"FILE\", \"path\": \"x\","
            + " \"format\": \"PARQUET\", \"timestampField\": \"ts\", \"schema\": ["
            + columns
            + "]}");
    for (int v = 0; v < VIEWS; v++) {
      StringBuilder select = new StringBuilder();
      StringBuilder features = new StringBuilder();
      for (int f = 0; f < FEATURES_PER_VIEW; f++) {
        String sep = f == 0 ? "" : ", ";
        select.append(sep).append("\"").append(feature(f)).append("\": \"c").append(f).append("\"");
        features
            .append(sep)
            .append("{\"name\": \"")
            .append(feature(f))
            .append("\", \"type\": \"DOUBLE\"}");
      }
      out.add(
          "{\"kind\": \"FeatureView\", \"name\": \""
              + view(v)
              + "\", \"entities\": [\"user\"], \"source\": \"events\", \"maxAge\": \"7d\","
              + " \"select\": {"
              + select
              + "}, \"features\": ["
              + features
              + "]}");
    }
    return out;
  }
}
