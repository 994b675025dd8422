package io.quiver.offline;

import java.util.regex.Pattern;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;

/**
 * How offline tables are named. The namespace is the project; in it:
 *
 * <ul>
 *   <li>{@code <view>__v<version>}: the feature table of one feature view version;
 *   <li>{@code curated__<source>}: the curated events of one data source;
 *   <li>{@code quarantine__<view>}: batches of a view held back by the quality gate.
 * </ul>
 */
public final class TableNames {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  private TableNames() {}

  public static TableIdentifier feature(String project, String view, int version) {
    if (version < 1) {
      throw new IllegalArgumentException("version must be >= 1, got " + version);
    }
    return TableIdentifier.of(namespace(project), checked("view", view) + "__v" + version);
  }

  public static TableIdentifier curated(String project, String source) {
    return TableIdentifier.of(namespace(project), "curated__" + checked("source", source));
  }

  public static TableIdentifier quarantine(String project, String view) {
    return TableIdentifier.of(namespace(project), "quarantine__" + checked("view", view));
  }

  private static Namespace namespace(String project) {
    return Namespace.of(checked("project", project));
  }

  private static String checked(String what, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          what + " name '" + name + "' does not match " + NAME.pattern());
    }
    return name;
  }
}
