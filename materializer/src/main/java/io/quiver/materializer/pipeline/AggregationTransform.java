package io.quiver.materializer.pipeline;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.Event;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.Aggregation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.Tile;
import io.quiver.core.online.TilePut;
import io.quiver.core.value.EpochMicros;
import io.quiver.offline.RowKey;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An aggregation view: the tiles of every (entity, hop) the batch touched are recomputed whole from
 * ALL curated events of that hop (the batch's own included, exact duplicates dropped), so late
 * events and re-runs give the same tiles as one run over everything. Offline each tile is a row
 * (join keys, tile_start, hop_seconds, created_timestamp, one partial per aggregation); online one
 * {@code tiles_put} per entity with the payload of {@link TilePayloadCodec}.
 */
public final class AggregationTransform {
  private static final int MAX_RANGES = 64;

  private AggregationTransform() {}

  /**
   * The (entity, hop start) of a tile, the entity as its dense id in {@link Entities}: two
   * primitives compared and hashed (all bits mixed) instead of a key's bytes per event.
   */
  private static final class TileKey {
    private final int entity;
    private final long start;
    private final int hash;

    TileKey(int entity, long start) {
      this.entity = entity;
      this.start = start;
      long h = (entity * 0x9E3779B97F4A7C15L) ^ start;
      h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
      h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
      this.hash = (int) (h ^ (h >>> 31));
    }

    int entity() {
      return entity;
    }

    long start() {
      return start;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TileKey k && k.start == start && k.entity == entity;
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * The entities of a batch, each given a dense id the first time it is seen, with its join key
   * values and online key bytes computed once rather than per event.
   */
  private static final class Entities {
    private final ViewContext ctx;
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object[]> keyValues = new ArrayList<>();
    private final List<byte[]> encoded = new ArrayList<>();

    Entities(ViewContext ctx) {
      this.ctx = ctx;
    }

    /** The row's entity id, or -1 when {@code add} is false and the entity is not known. */
    int id(Object[] row, boolean add) {
      Object key = lookupKey(row);
      Integer id = ids.get(key);
      if (id != null || !add) {
        return id == null ? -1 : id;
      }
      int next = keyValues.size();
      ids.put(key, next);
      keyValues.add(AggregationTransform.keyValues(ctx, row));
      encoded.add(ctx.entityKey(row));
      return next;
    }

    /** A single numeric or string key is its own lookup key; others are their encoded bytes. */
    private Object lookupKey(Object[] row) {
      int[] at = ctx.keyIndexes();
      if (at.length == 1) {
        Object v = row[at[0]];
        if (v instanceof Integer n) {
          return Long.valueOf(n);
        }
        if (v instanceof Long || v instanceof String) {
          return v;
        }
      }
      return ByteBuffer.wrap(ctx.entityKey(row));
    }

    Object[] keyValues(int id) {
      return keyValues.get(id);
    }

    byte[] encoded(int id) {
      return encoded.get(id);
    }
  }

  /** One tile being rebuilt. */
  private static final class Acc {
    final PartialAggregate[] partials;
    long created = Long.MIN_VALUE;

    Acc(List<Aggregator> aggregators) {
      this.partials = new PartialAggregate[aggregators.size()];
      for (int i = 0; i < partials.length; i++) {
        partials[i] = aggregators.get(i).empty();
      }
    }
  }

  public static FeatureBatch apply(ViewContext ctx, List<Object[]> batch, CuratedEvents curated) {
    Duration hop = TileHop.of(ctx.view());
    long hopMicros = hop.toNanos() / 1000;
    int ev = ctx.layout().eventTimeIndex();
    Entities entities = new Entities(ctx);
    Set<TileKey> touched = new HashSet<>();
    Set<Long> starts = new HashSet<>();
    Instant newest = null;
    long previousStart = Long.MIN_VALUE;
    for (Object[] row : batch) {
      Instant e = (Instant) row[ev];
      long start = Math.floorDiv(EpochMicros.of(e), hopMicros) * hopMicros;
      touched.add(new TileKey(entities.id(row, true), start));
      if (start != previousStart) { // source files are mostly in time order: skip the boxing
        starts.add(start);
        previousStart = start;
      }
      newest = newest == null || e.isAfter(newest) ? e : newest;
    }
    long[] sorted = starts.stream().mapToLong(Long::longValue).sorted().toArray();
    Map<TileKey, Acc> tiles =
        rebuild(
            ctx,
            entities,
            curated,
            touched,
            CuratedEvents.ranges(sorted, hopMicros, MAX_RANGES),
            hopMicros);
    byte[][][] encoded = encode(tiles);
    return new FeatureBatch(
        offline(ctx, entities, tiles, encoded, hop),
        online(ctx, entities, tiles, encoded, hop),
        newest);
  }

  private static Map<TileKey, Acc> rebuild(
      ViewContext ctx,
      Entities entities,
      CuratedEvents curated,
      Set<TileKey> touched,
      List<CuratedEvents.Range> ranges,
      long hopMicros) {
    List<Aggregator> aggregators = aggregators(ctx);
    int[] columns = columns(ctx);
    int ev = ctx.layout().eventTimeIndex();
    int cr = ctx.layout().createdTimeIndex();
    Map<TileKey, Acc> tiles = new HashMap<>(touched.size() * 2);
    Set<RowKey> seen = new HashSet<>(); // committed rows may repeat if two runs raced; ours do not
    curated.read(
        ctx.project(),
        ctx.layout(),
        ranges,
        (row, committed) -> {
          int entity = entities.id(row, false);
          if (entity < 0) {
            return;
          }
          Instant e = (Instant) row[ev];
          long start = Math.floorDiv(EpochMicros.of(e), hopMicros) * hopMicros;
          TileKey key = new TileKey(entity, start);
          if (!touched.contains(key) || (committed && !seen.add(new RowKey(row)))) {
            return;
          }
          Acc acc = tiles.computeIfAbsent(key, k -> new Acc(aggregators));
          Instant c = (Instant) row[cr];
          acc.created = Math.max(acc.created, EpochMicros.of(c));
          for (int i = 0; i < columns.length; i++) {
            acc.partials[i].update(new Event(e, c, row[columns[i]]));
          }
        });
    return tiles;
  }

  /**
   * Every tile's partials encoded once, in the iteration order of {@code tiles}: the offline row
   * stores them one per column, the online payload concatenates them.
   */
  private static byte[][][] encode(Map<TileKey, Acc> tiles) {
    byte[][][] out = new byte[tiles.size()][][];
    int t = 0;
    for (Acc acc : tiles.values()) {
      byte[][] partials = new byte[acc.partials.length][];
      for (int i = 0; i < partials.length; i++) {
        partials[i] = PartialAggregateCodec.encode(acc.partials[i]);
      }
      out[t++] = partials;
    }
    return out;
  }

  private static List<Object[]> offline(
      ViewContext ctx,
      Entities entities,
      Map<TileKey, Acc> tiles,
      byte[][][] encoded,
      Duration hop) {
    List<Object[]> rows = new ArrayList<>(tiles.size());
    int keys = ctx.joinKeys().size();
    Long hopSeconds = hop.toSeconds();
    int t = 0;
    for (Map.Entry<TileKey, Acc> tile : tiles.entrySet()) {
      Acc acc = tile.getValue();
      Object[] row =
          Arrays.copyOf(entities.keyValues(tile.getKey().entity()), keys + 3 + acc.partials.length);
      row[keys] = EpochMicros.toInstant(tile.getKey().start());
      row[keys + 1] = hopSeconds;
      row[keys + 2] = EpochMicros.toInstant(acc.created);
      System.arraycopy(encoded[t++], 0, row, keys + 3, acc.partials.length);
      rows.add(row);
    }
    return rows;
  }

  private static List<ScriptCall> online(
      ViewContext ctx,
      Entities entities,
      Map<TileKey, Acc> tiles,
      byte[][][] encoded,
      Duration hop) {
    if (!ctx.view().isOnline()) {
      return List.of();
    }
    Duration window = TileHop.retentionWindow(ctx.view());
    Duration ttl = ctx.view().maxAgeOrNull();
    if (window != null && (ttl == null || window.plus(hop).compareTo(ttl) < 0)) {
      ttl = window.plus(hop);
    }
    TilePut put = new TilePut(ctx.project(), ctx.viewName(), ctx.versionNumber(), window, hop, ttl);
    int schemaId = ctx.version().schemaId();
    Map<Integer, List<Tile>> byEntity = new HashMap<>();
    int t = 0;
    for (Map.Entry<TileKey, Acc> tile : tiles.entrySet()) {
      TileKey key = tile.getKey();
      byEntity
          .computeIfAbsent(key.entity(), k -> new ArrayList<>())
          .add(
              new Tile(
                  key.start(),
                  schemaId,
                  tile.getValue().created,
                  TilePayloadCodec.ofEncoded(encoded[t++])));
    }
    List<ScriptCall> calls = new ArrayList<>(byEntity.size());
    byEntity.forEach((entity, list) -> calls.add(put.call(entities.encoded(entity), list)));
    return calls;
  }

  /** The view's aggregators, in its aggregation order. */
  public static List<Aggregator> aggregators(ViewContext ctx) {
    List<Aggregator> out = new ArrayList<>();
    for (Aggregation a : ctx.view().aggregations()) {
      ValueType type =
          ctx.source()
              .column(a.column())
              .map(Field::type)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "aggregation "
                              + a.name()
                              + " reads column '"
                              + a.column()
                              + "', which source '"
                              + ctx.source().name()
                              + "' does not declare"));
      out.add(Aggregator.of(a.parsedFunction(), type));
    }
    return out;
  }

  private static int[] columns(ViewContext ctx) {
    return ctx.view().aggregations().stream()
        .mapToInt(a -> ctx.layout().indexOf(a.column()))
        .toArray();
  }

  private static Object[] keyValues(ViewContext ctx, Object[] row) {
    Object[] keys = new Object[ctx.keyIndexes().length];
    for (int i = 0; i < keys.length; i++) {
      Object v = row[ctx.keyIndexes()[i]];
      keys[i] = v instanceof Integer n ? Long.valueOf(n) : v;
    }
    return keys;
  }
}
