package io.quiver.export.engine;

import io.quiver.offline.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The SQL of SPEC's point-in-time rule for one select view: queries giving {@code (__row,
 * features...)}, one row per entity row that has a match, by two plans with the same result.
 *
 * <p>A feature row is visible at t when {@code event_timestamp <= t} and, with the leakage guard,
 * {@code created_timestamp <= t}: that is, from {@code v = greatest(event, created)} on (without
 * the guard, from {@code v = event}). The answer at t is the visible row with the greatest (event,
 * created). The <b>candidate join</b> joins each entity row to its key's visible rows and keeps the
 * greatest. The <b>running max</b> sorts feature rows and entity rows of one key together by v
 * (feature rows first on equal v); a running max of the packed (event, created) gives, at each
 * entity row, the best visible pair; the feature values are then joined back on (keys, pair), and
 * maxAge is checked on the chosen row only: every other visible row is older. Full ties (same keys,
 * event and created time) take the row whose feature columns, in table order, are greatest (nulls
 * least): arbitrary but reproducible.
 */
final class SelectJoin {
  private static final String TWO_TO_64 = "18446744073709551616::HUGEINT";
  private static final String TWO_TO_63 = "9223372036854775808::HUGEINT";

  private SelectJoin() {}

  /**
   * The feature rows any entity row could see: {@code source} (the planned files) without the rows
   * every entity row's t excludes: events after the latest t (with the guard: also rows created
   * after it) and, with maxAge, events at or before the earliest t - maxAge. Constant bounds, so
   * DuckDB skips Parquet row groups (Iceberg partitions by event day) whose statistics lie outside.
   */
  static String visibleRows(ViewRead view, boolean leakageGuard, EntityTimes times) {
    String latest = times.latestLiteral();
    List<String> where = new ArrayList<>(List.of("event_timestamp <= " + latest));
    if (leakageGuard) {
      where.add("created_timestamp <= " + latest);
    }
    if (view.maxAgeOrNull() != null) {
      times
          .earliestLiteralMinus(view.maxAgeOrNull())
          .ifPresent(t -> where.add("event_timestamp > " + t));
    }
    return "(SELECT * FROM "
        + view.table().duckDbReadParquet()
        + " WHERE "
        + String.join(" AND ", where)
        + ")";
  }

  /**
   * The candidate join: every visible row of the entity row's key, the best kept per entity row by
   * (event, created) descending, then the tie columns. A query giving {@code (__row, features...)}
   * for the entity rows of {@code entities} (a relation like the {@code entities} view) against the
   * feature rows of {@code source}.
   */
  static String candidateJoin(ViewRead view, boolean leakageGuard, String entities, String source) {
    List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
    String on =
        keys.stream()
            .map(k -> "r." + Sql.ident(k) + " = e." + Sql.ident("__key_" + k))
            .collect(Collectors.joining(" AND "));
    String filter =
        " AND r.event_timestamp <= e.__t"
            + (leakageGuard ? " AND r.created_timestamp <= e.__t" : "")
            + (view.maxAgeOrNull() == null ? "" : " AND epoch_us(r.event_timestamp) > e.__floor");
    if (view.maxAgeOrNull() != null) {
      // t - maxAge once per entity row rather than once per pair
      entities =
          "(SELECT *, epoch_us(__t) - "
              + view.maxAgeOrNull().toNanos() / 1_000
              + " AS __floor FROM "
              + entities
              + ")";
    }
    List<String> order =
        new ArrayList<>(List.of("r.event_timestamp DESC", "r.created_timestamp DESC"));
    for (Column c : tieColumns(view)) {
      order.add("r." + Sql.ident(tieName(view, c)) + " DESC NULLS LAST");
    }
    return "SELECT e.__row, "
        + Sql.idents(view.features().stream().map(FeatureRead::outputColumn).toList(), "r.")
        + " FROM "
        + entities
        + " e JOIN (SELECT "
        + Sql.idents(keys, "")
        + ", event_timestamp, created_timestamp, "
        + featureColumns(view)
        + " FROM "
        + source
        + ") r ON "
        + on
        + filter
        + " QUALIFY row_number() OVER (PARTITION BY e.__row ORDER BY "
        + String.join(", ", order)
        + ") = 1";
  }

  /** The running max (see the class comment), as a query like {@link #candidateJoin}'s. */
  static String runningMax(ViewRead view, boolean leakageGuard, String entities, String source) {
    List<String> keys = view.joinKeys().stream().map(k -> k.name()).toList();
    String visible =
        leakageGuard ? "greatest(event_timestamp, created_timestamp)" : "event_timestamp";
    String keyCols = Sql.idents(keys, "");
    String entityKeys =
        keys.stream().map(k -> Sql.ident("__key_" + k) + " AS " + Sql.ident(k)).collect(joining());
    String packed =
        "epoch_us(event_timestamp)::HUGEINT * "
            + TWO_TO_64
            + " + epoch_us(created_timestamp)::HUGEINT + "
            + TWO_TO_63;
    String best =
        "SELECT __row, __t, "
            + keyCols
            + ", max(__p) OVER (PARTITION BY "
            + keyCols
            + " ORDER BY __v, __kind ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS __best,"
            + " __kind FROM (SELECT "
            + keyCols
            + ", "
            + visible
            + " AS __v, 0 AS __kind, "
            + packed
            + " AS __p, NULL::BIGINT AS __row, NULL::TIMESTAMPTZ AS __t FROM "
            + source
            + " UNION ALL SELECT "
            + entityKeys
            + ", __t AS __v, 1 AS __kind, NULL::HUGEINT AS __p, __row, __t FROM "
            + entities
            + ") QUALIFY __kind = 1";
    String rows =
        "SELECT "
            + keyCols
            + ", event_timestamp, "
            + packed
            + " AS __p, "
            + featureColumns(view)
            + " FROM "
            + source;
    String on =
        keys.stream()
            .map(k -> "r." + Sql.ident(k) + " = b." + Sql.ident(k))
            .collect(Collectors.joining(" AND "));
    return "SELECT b.__row, "
        + Sql.idents(view.features().stream().map(FeatureRead::outputColumn).toList(), "r.")
        + " FROM ("
        + best
        + ") b JOIN ("
        + rows
        + ") r ON "
        + on
        + " AND r.__p = b.__best"
        + maxAge(view)
        + tieBreak(view);
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }

  /** Requested features as their output names; features the snapshot lacks read as null. */
  private static String featureColumns(ViewRead view) {
    Set<String> present =
        view.table().columns().stream().map(Column::name).collect(Collectors.toSet());
    List<String> cols = new ArrayList<>();
    for (FeatureRead f : view.features()) {
      String expr =
          present.contains(f.name()) ? Sql.ident(f.name()) : "NULL::" + DuckDbTypes.of(f.type());
      cols.add(expr + " AS " + Sql.ident(f.outputColumn()));
    }
    for (Column c : tieColumns(view)) {
      if (requested(view, c) == null) {
        cols.add(Sql.ident(c.name()) + " AS " + Sql.ident("__tie_" + c.name()));
      }
    }
    return String.join(", ", cols);
  }

  private static String maxAge(ViewRead view) {
    if (view.maxAgeOrNull() == null) {
      return "";
    }
    long micros = view.maxAgeOrNull().toNanos() / 1_000;
    return " WHERE epoch_us(r.event_timestamp) > epoch_us(b.__t) - " + micros;
  }

  private static String tieBreak(ViewRead view) {
    List<String> order = new ArrayList<>();
    for (Column c : tieColumns(view)) {
      order.add("r." + Sql.ident(tieName(view, c)) + " DESC NULLS LAST");
    }
    order.add("r.__p");
    return " QUALIFY row_number() OVER (PARTITION BY b.__row ORDER BY "
        + String.join(", ", order)
        + ") = 1";
  }

  /** A tie column is carried once: as its requested feature's output column when requested. */
  private static String tieName(ViewRead view, Column c) {
    FeatureRead f = requested(view, c);
    return f != null ? f.outputColumn() : "__tie_" + c.name();
  }

  private static FeatureRead requested(ViewRead view, Column c) {
    return view.features().stream().filter(f -> f.name().equals(c.name())).findFirst().orElse(null);
  }

  /** The feature columns of the table at this snapshot, in table order. */
  private static List<Column> tieColumns(ViewRead view) {
    Set<String> standard = Set.of("event_timestamp", "created_timestamp");
    Set<String> keys = view.joinKeys().stream().map(k -> k.name()).collect(Collectors.toSet());
    return view.table().columns().stream()
        .filter(c -> !standard.contains(c.name()) && !keys.contains(c.name()))
        .toList();
  }
}
