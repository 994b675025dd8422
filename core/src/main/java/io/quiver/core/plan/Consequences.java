package io.quiver.core.plan;

import io.quiver.core.model.DataSource;
import io.quiver.core.model.Definition;
import io.quiver.core.model.DefinitionSet;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.Kind;
import io.quiver.core.validation.ReferenceValidator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a change sets in motion, in words a plan reader acts on. */
final class Consequences {
  private Consequences() {}

  static List<String> ofCreate(Definition d, Integer version) {
    if (d instanceof FeatureView v) {
      return versionStart(v, version);
    }
    return List.of();
  }

  static List<String> ofNewVersion(FeatureView v, int version) {
    List<String> out = new ArrayList<>(versionStart(v, version));
    out.add(
        "serving keeps resolving '"
            + v.name()
            + ":<feature>' to the previous version until the backfill of v"
            + version
            + " finishes");
    return out;
  }

  private static List<String> versionStart(FeatureView v, Integer version) {
    List<String> out = new ArrayList<>();
    out.add("backfill v" + version + " over the whole history of source '" + v.source() + "'");
    if (v.isOffline()) {
      out.add("new Iceberg table " + v.name() + "__v" + version);
    }
    if (v.isOnline()) {
      out.add("new online keys for " + v.name() + " v" + version);
    }
    return out;
  }

  static List<String> ofUpdate(Definition before, Definition after, DefinitionSet all) {
    if (after instanceof FeatureView v) {
      return viewUpdate((FeatureView) before, v);
    }
    if (after instanceof DataSource) {
      List<String> users = ReferenceValidator.referrers(Kind.DATA_SOURCE, after.name(), all);
      return users.isEmpty() ? List.of() : List.of("read by " + String.join(", ", users));
    }
    return List.of();
  }

  private static List<String> viewUpdate(FeatureView before, FeatureView after) {
    Map<String, Field> old = new HashMap<>();
    before.features().forEach(f -> old.put(f.name(), f));
    List<String> out = new ArrayList<>();
    for (Field f : after.features()) {
      Field was = old.get(f.name());
      if (was == null) {
        out.add(
            "feature '" + f.name() + "' added: the Iceberg table evolves, older rows read null");
      } else if (was.type() != f.type()) {
        out.add("feature '" + f.name() + "' widened from " + was.type() + " to " + f.type());
      }
    }
    int added = after.aggregations().size() - before.aggregations().size();
    if (added > 0) {
      out.add(added + " aggregation(s) added: older tiles read null for them");
    }
    if (!out.isEmpty()) {
      out.add("online records get a new schema id; stored values stay readable");
    }
    return out;
  }

  static List<String> ofDelete(Definition d) {
    if (d instanceof FeatureView v) {
      return List.of("stops materializing " + v.name() + "; its tables and online keys are kept");
    }
    return List.of();
  }
}
