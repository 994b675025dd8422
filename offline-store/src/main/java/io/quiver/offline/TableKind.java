package io.quiver.offline;

/** The two layouts of a feature table. */
public enum TableKind {
  /** One row per (entity, event): join keys, event and created times, feature values. */
  SELECT,
  /** One row per (entity, hop): join keys, tile start, hop, created time, partial aggregates. */
  TILES
}
