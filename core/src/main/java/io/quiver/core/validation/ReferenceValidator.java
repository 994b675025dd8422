package io.quiver.core.validation;

import io.quiver.core.model.Aggregation;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.Definition;
import io.quiver.core.model.DefinitionSet;
import io.quiver.core.model.Entity;
import io.quiver.core.model.FeatureRef;
import io.quiver.core.model.FeatureService;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.Kind;
import io.quiver.core.model.ValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules that look across objects: a view's entities and sources exist and carry the columns it
 * reads, a service's features exist, and nothing is deleted while something still references it.
 */
public final class ReferenceValidator {
  private ReferenceValidator() {}

  /** Violations of {@code d}'s references, resolved against the would-be state {@code all}. */
  public static List<Violation> validate(Definition d, DefinitionSet all) {
    Violations v = new Violations();
    if (d instanceof FeatureView f) {
      view(f, all, v);
    } else if (d instanceof FeatureService s) {
      service(s, all, v);
    }
    return v.list();
  }

  /** The objects in {@code all} that reference {@code kind}/{@code name}, as "Kind/name". */
  public static List<String> referrers(Kind kind, String name, DefinitionSet all) {
    List<String> out = new ArrayList<>();
    for (FeatureView f : all.views()) {
      boolean refers =
          switch (kind) {
            case ENTITY -> f.entities().contains(name);
            case DATA_SOURCE -> name.equals(f.source()) || name.equals(f.batchSource());
            default -> false;
          };
      if (refers) {
        out.add("FeatureView/" + f.name());
      }
    }
    if (kind == Kind.FEATURE_VIEW) {
      for (FeatureService s : all.services()) {
        if (s.features().stream().anyMatch(r -> refView(r).equals(name))) {
          out.add("FeatureService/" + s.name());
        }
      }
    }
    return out;
  }

  private static String refView(String ref) {
    int colon = ref.indexOf(':');
    String view = colon < 0 ? ref : ref.substring(0, colon);
    int at = view.indexOf('@');
    return at < 0 ? view : view.substring(0, at);
  }

  private static void view(FeatureView f, DefinitionSet all, Violations v) {
    for (int i = 0; i < f.entities().size(); i++) {
      if (all.entity(f.entities().get(i)).isEmpty()) {
        v.add("entities[" + i + "]", f.entities().get(i), "names no entity in this project");
      }
    }
    DataSource source = all.source(f.source()).orElse(null);
    if (f.source() != null && source == null) {
      v.add("source", f.source(), "names no data source in this project");
    }
    if (f.batchSource() != null) {
      all.source(f.batchSource())
          .ifPresentOrElse(
              b -> {
                if (b.type().isStreaming()) {
                  v.add("batchSource", f.batchSource(), "must be a FILE or POSTGRES source");
                }
              },
              () -> v.add("batchSource", f.batchSource(), "names no data source in this project"));
    }
    if (source != null) {
      columns(f, source, all, v);
    }
  }

  private static void columns(FeatureView f, DataSource source, DefinitionSet all, Violations v) {
    for (String entityName : f.entities()) {
      all.entity(entityName).map(Entity::joinKeys).orElse(List.of()).stream()
          .filter(k -> source.column(k.name()).isEmpty())
          .forEach(
              k ->
                  v.add(
                      "entities",
                      entityName,
                      "join key '"
                          + k.name()
                          + "' is not a column of source '"
                          + source.name()
                          + "'"));
    }
    f.select()
        .forEach(
            (feature, column) -> {
              if (column != null && source.column(column).isEmpty()) {
                v.add(
                    "select." + feature,
                    column,
                    "is not a column of source '" + source.name() + "'");
              }
            });
    for (int i = 0; i < f.aggregations().size(); i++) {
      aggregationColumn(i, f.aggregations().get(i), source, v);
    }
  }

  private static void aggregationColumn(int i, Aggregation a, DataSource source, Violations v) {
    if (a.column() == null) {
      return;
    }
    Field column = source.column(a.column()).orElse(null);
    if (column == null) {
      v.add(
          "aggregations[" + i + "].column",
          a.column(),
          "is not a column of source '" + source.name() + "'");
      return;
    }
    boolean numeric = column.type().isNumeric() || column.type() == ValueType.BOOL;
    boolean needsNumber = "sum".equals(a.function()) || "mean".equals(a.function());
    if (needsNumber && !numeric) {
      v.add(
          "aggregations[" + i + "].column",
          a.column(),
          a.function() + " needs a numeric column, not " + column.type());
    }
  }

  private static void service(FeatureService s, DefinitionSet all, Violations v) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < s.features().size(); i++) {
      String at = "features[" + i + "]";
      FeatureRef ref;
      try {
        ref = FeatureRef.parse(s.features().get(i));
      } catch (IllegalArgumentException e) {
        continue; // reported by DefinitionValidator
      }
      if (!seen.add(ref.toString())) {
        v.add(at, ref.toString(), "is listed twice");
      }
      FeatureView view = all.view(ref.view()).orElse(null);
      if (view == null) {
        v.add(at, ref.toString(), "names no feature view '" + ref.view() + "' in this project");
      } else if (!ref.isWildcard() && !all.hasFeature(view, ref.feature())) {
        v.add(
            at, ref.toString(), "view '" + ref.view() + "' has no feature '" + ref.feature() + "'");
      } else if (ref.version() != null && !all.hasVersion(ref.view(), ref.version())) {
        v.add(at, ref.toString(), "view '" + ref.view() + "' has no version " + ref.version());
      }
    }
  }
}
