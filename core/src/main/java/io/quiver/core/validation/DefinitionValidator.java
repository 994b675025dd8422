package io.quiver.core.validation;

import io.quiver.core.model.Aggregation;
import io.quiver.core.model.AggregationFunction;
import io.quiver.core.model.DataSource;
import io.quiver.core.model.Definition;
import io.quiver.core.model.Durations;
import io.quiver.core.model.Entity;
import io.quiver.core.model.Expectation;
import io.quiver.core.model.FeatureRef;
import io.quiver.core.model.FeatureService;
import io.quiver.core.model.FeatureView;
import io.quiver.core.model.Field;
import io.quiver.core.model.Schedule;
import io.quiver.core.model.ValueType;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The rules one definition must follow on its own, without looking at other objects (see {@link
 * ReferenceValidator} for those). Field paths are relative to the object.
 */
public final class DefinitionValidator {
  private static final Pattern COLUMN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(password=|://[^/@:]+:[^/@]+@)");
  private static final Set<String> FILE_FORMATS = Set.of("PARQUET", "CSV");
  private static final Set<String> KAFKA_FORMATS = Set.of("JSON", "DEBEZIUM_JSON");

  private DefinitionValidator() {}

  public static List<Violation> validate(Definition d) {
    Violations v = new Violations();
    v.requireName("name", d.name());
    d.tags().forEach((k, val) -> v.require("tags." + k, val));
    if (d instanceof Entity e) {
      entity(e, v);
    } else if (d instanceof DataSource s) {
      source(s, v);
    } else if (d instanceof FeatureView f) {
      view(f, v);
    } else if (d instanceof FeatureService s) {
      service(s, v);
    }
    return v.list();
  }

  private static void entity(Entity e, Violations v) {
    if (e.joinKeys().isEmpty()) {
      v.add("joinKeys", null, "an entity needs at least one join key");
    }
    fields("joinKeys", e.joinKeys(), v, true);
    for (int i = 0; i < e.joinKeys().size(); i++) {
      ValueType t = e.joinKeys().get(i).type();
      if (t != null && t != ValueType.STRING && t != ValueType.INT64) {
        v.add("joinKeys[" + i + "].type", t, "a join key must be STRING or INT64");
      }
    }
  }

  private static void source(DataSource s, Violations v) {
    v.require("type", s.type());
    v.require("timestampField", s.timestampField());
    if (s.schema().isEmpty()) {
      v.add("schema", null, "a data source needs its schema: [{name, type}, ...]");
    }
    fields("schema", s.schema(), v, false);
    timeField("timestampField", s.timestampField(), s, v);
    if (s.createdTimestampField() != null) {
      timeField("createdTimestampField", s.createdTimestampField(), s, v);
    }
    if (s.allowedLateness() != null) {
      v.tryParse("allowedLateness", s.allowedLateness(), x -> Durations.parse((String) x));
    }
    if (s.type() != null) {
      sourceSettings(s, v);
    }
  }

  private static void timeField(String field, String column, DataSource s, Violations v) {
    if (column == null || s.schema().isEmpty()) {
      return;
    }
    s.column(column)
        .ifPresentOrElse(
            f -> {
              if (f.type() != ValueType.TIMESTAMP && f.type() != ValueType.INT64) {
                v.add(field, column, "must name a TIMESTAMP (or INT64 epoch micros) column");
              }
            },
            () -> v.add(field, column, "names no column of the schema"));
  }

  private static void sourceSettings(DataSource s, Violations v) {
    String why = "for a " + s.type() + " source";
    switch (s.type()) {
      case FILE -> {
        v.require("path", s.path());
        oneOf("format", s.format(), FILE_FORMATS, v);
        v.forbid("jdbcUrl", s.jdbcUrl(), why);
        v.forbid("topic", s.topic(), why);
      }
      case POSTGRES -> {
        v.require("jdbcUrl", s.jdbcUrl());
        if ((s.table() == null) == (s.query() == null)) {
          v.add("table", s.table(), "give exactly one of table or query");
        }
        if (s.jdbcUrl() != null && PASSWORD_IN_URL.matcher(s.jdbcUrl()).find()) {
          v.add(
              "jdbcUrl",
              "(hidden)",
              "must not carry a password: name an environment variable or secret in"
                  + " credentialsRef instead");
        }
        if (s.credentialsRef() != null && !COLUMN.matcher(s.credentialsRef()).matches()) {
          v.add(
              "credentialsRef",
              "(hidden)",
              "must be the name of an environment variable or secret (letters, digits, _), not"
                  + " a password");
        }
        v.forbid("path", s.path(), why);
        v.forbid("topic", s.topic(), why);
      }
      case KAFKA -> {
        v.require("topic", s.topic());
        oneOf("format", s.format(), KAFKA_FORMATS, v);
        v.forbid("path", s.path(), why);
        v.forbid("jdbcUrl", s.jdbcUrl(), why);
      }
      case PUSH -> {
        v.forbid("path", s.path(), why);
        v.forbid("jdbcUrl", s.jdbcUrl(), why);
        v.forbid("topic", s.topic(), why + " (Quiver owns its topic)");
      }
    }
  }

  private static void oneOf(String field, String value, Set<String> allowed, Violations v) {
    if (value == null) {
      v.add(field, null, "is required: one of " + allowed);
    } else if (!allowed.contains(value)) {
      v.add(field, value, "must be one of " + allowed);
    }
  }

  private static void view(FeatureView f, Violations v) {
    if (f.entities().isEmpty()) {
      v.add("entities", null, "a feature view needs at least one entity");
    }
    for (int i = 0; i < f.entities().size(); i++) {
      v.requireName("entities[" + i + "]", f.entities().get(i));
    }
    v.requireName("source", f.source());
    if (f.batchSource() != null) {
      v.requireName("batchSource", f.batchSource());
    }
    if (f.maxAge() != null) {
      v.tryParse("maxAge", f.maxAge(), x -> Durations.parse((String) x));
    }
    if (f.schedule() != null) {
      v.tryParse("schedule", f.schedule(), x -> Schedule.parse((String) x));
    }
    if (f.hop() != null) {
      v.tryParse("hop", f.hop(), x -> Durations.parse((String) x));
    }
    transformation(f, v);
    for (int i = 0; i < f.expectations().size(); i++) {
      expectation("expectations[" + i + "]", f.expectations().get(i), v);
    }
  }

  private static void transformation(FeatureView f, Violations v) {
    boolean select = !f.select().isEmpty();
    if (select == f.isAggregation()) {
      v.add("select", null, "give exactly one transformation: select or aggregations");
      return;
    }
    if (select) {
      selectView(f, v);
    } else {
      aggregationView(f, v);
    }
  }

  private static void selectView(FeatureView f, Violations v) {
    fields("features", f.features(), v, true);
    Set<String> declared = new HashSet<>();
    f.features().forEach(x -> declared.add(x.name()));
    for (Map.Entry<String, String> e : f.select().entrySet()) {
      if (!declared.contains(e.getKey())) {
        v.add("select." + e.getKey(), e.getValue(), "selects a feature not declared in features");
      }
      if (e.getValue() == null || !COLUMN.matcher(e.getValue()).matches()) {
        v.add("select." + e.getKey(), e.getValue(), "must name a source column");
      }
    }
    for (int i = 0; i < f.features().size(); i++) {
      if (!f.select().containsKey(f.features().get(i).name())) {
        v.add("features[" + i + "].name", f.features().get(i).name(), "is not in select");
      }
    }
    v.forbid("hop", f.hop(), "on a select view");
  }

  private static void aggregationView(FeatureView f, Violations v) {
    if (!f.features().isEmpty()) {
      v.add("features", null, "an aggregation view's features are its aggregations: omit features");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < f.aggregations().size(); i++) {
      Aggregation a = f.aggregations().get(i);
      String at = "aggregations[" + i + "]";
      v.requireName(at + ".name", a.name());
      if (a.name() != null && !seen.add(a.name())) {
        v.add(at + ".name", a.name(), "is declared twice");
      }
      v.tryParse(at + ".function", a.function(), x -> AggregationFunction.parse((String) x));
      v.require(at + ".column", a.column());
      v.require(at + ".window", a.window());
      if (a.window() != null) {
        v.tryParse(at + ".window", a.window(), x -> f.window(a));
      }
    }
  }

  private static void expectation(String at, Expectation e, Violations v) {
    if (e.check() == null || !Expectation.CHECKS.contains(e.check())) {
      v.add(at + ".check", e.check(), "must be one of " + Expectation.CHECKS);
      return;
    }
    if (e.severity() != null && !Set.of("error", "warn").contains(e.severity())) {
      v.add(at + ".severity", e.severity(), "must be error or warn");
    }
    if (!e.check().equals("row_count")) {
      v.require(at + ".column", e.column());
    }
    switch (e.check()) {
      case "completeness" -> fraction(at + ".min", e.min(), v);
      case "min" -> v.require(at + ".min", e.min());
      case "max", "mean" -> {
        if (e.min() == null && e.max() == null) {
          v.add(at + ".max", null, "give min, max or both");
        }
      }
      case "allowed_values" -> v.require(at + ".values", e.values());
      case "pattern" -> pattern(at + ".pattern", e.pattern(), v);
      case "row_count" -> positive(at + ".stddevs", e.stddevs(), v);
      default -> {}
    }
  }

  private static void fraction(String at, Double x, Violations v) {
    if (x == null || x < 0 || x > 1) {
      v.add(at, x, "must be a fraction between 0 and 1");
    }
  }

  private static void positive(String at, Double x, Violations v) {
    if (x == null || x <= 0) {
      v.add(at, x, "must be a positive number");
    }
  }

  private static void pattern(String at, String p, Violations v) {
    if (p == null) {
      v.add(at, null, "is required");
      return;
    }
    try {
      Pattern.compile(p);
    } catch (PatternSyntaxException e) {
      v.add(at, p, "is not a valid regular expression: " + e.getDescription());
    }
  }

  private static void service(FeatureService s, Violations v) {
    if (s.features().isEmpty()) {
      v.add("features", null, "a feature service needs at least one feature reference");
    }
    for (int i = 0; i < s.features().size(); i++) {
      v.tryParse("features[" + i + "]", s.features().get(i), x -> FeatureRef.parse((String) x));
    }
  }

  private static void fields(String at, List<Field> fields, Violations v, boolean strictNames) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String path = at + "[" + i + "]";
      if (strictNames) {
        v.requireName(path + ".name", f.name());
      } else if (f.name() == null || !COLUMN.matcher(f.name()).matches()) {
        v.add(path + ".name", f.name(), "must be a column name ([A-Za-z_][A-Za-z0-9_]*)");
      }
      v.require(path + ".type", f.type());
      if (f.name() != null && !seen.add(f.name())) {
        v.add(path + ".name", f.name(), "is declared twice");
      }
    }
  }
}
