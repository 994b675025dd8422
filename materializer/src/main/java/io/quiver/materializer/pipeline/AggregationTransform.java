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
import java.util.TreeSet;

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
   * The (entity, hop start) of a tile. Its hash mixes all bytes of the key: the 31-polynomial hash
   * of {@code ByteBuffer}/records collides so often for numeric entity keys and hop starts that
   * HashMap buckets turned into trees, which dominated the transform's time.
   */
  private static final class TileKey {
    private final ByteBuffer entity;
    private final long start;
    private final int hash;

    TileKey(ByteBuffer entity, long start) {
      this.entity = entity;
      this.start = start;
      long h = 0xcbf29ce484222325L;
      for (int i = entity.position(); i < entity.limit(); i++) {
        h = (h ^ (entity.get(i) & 0xff)) * 0x100000001b3L;
      }
      h ^= start * 0x9E3779B97F4A7C15L;
      h ^= h >>> 33;
      h *= 0xff51afd7ed558ccdL;
      h ^= h >>> 33;
      this.hash = (int) h;
    }

    ByteBuffer entity() {
      return entity;
    }

    long start() {
      return start;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TileKey k && k.start == start && k.entity.equals(entity);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** One tile being rebuilt. */
  private static final class Acc {
    final Object[] keys;
    final PartialAggregate[] partials;
    long created = Long.MIN_VALUE;

    Acc(Object[] keys, List<Aggregator> aggregators) {
      this.keys = keys;
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
    Set<TileKey> touched = new HashSet<>();
    TreeSet<Long> starts = new TreeSet<>();
    Instant newest = null;
    for (Object[] row : batch) {
      Instant e = (Instant) row[ev];
      long start = Math.floorDiv(EpochMicros.of(e), hopMicros) * hopMicros;
      touched.add(new TileKey(ByteBuffer.wrap(ctx.entityKey(row)), start));
      starts.add(start);
      newest = newest == null || e.isAfter(newest) ? e : newest;
    }
    long[] sorted = starts.stream().mapToLong(Long::longValue).toArray();
    Map<TileKey, Acc> tiles =
        rebuild(
            ctx, curated, touched, CuratedEvents.ranges(sorted, hopMicros, MAX_RANGES), hopMicros);
    return new FeatureBatch(offline(ctx, tiles, hop), online(ctx, tiles, hop), newest);
  }

  private static Map<TileKey, Acc> rebuild(
      ViewContext ctx,
      CuratedEvents curated,
      Set<TileKey> touched,
      List<CuratedEvents.Range> ranges,
      long hopMicros) {
    List<Aggregator> aggregators = aggregators(ctx);
    int[] columns = columns(ctx);
    int ev = ctx.layout().eventTimeIndex();
    int cr = ctx.layout().createdTimeIndex();
    Map<TileKey, Acc> tiles = new HashMap<>(touched.size() * 2);
    Set<RowKey> seen = new HashSet<>();
    curated.read(
        ctx.project(),
        ctx.layout(),
        ranges,
        row -> {
          Instant e = (Instant) row[ev];
          long start = Math.floorDiv(EpochMicros.of(e), hopMicros) * hopMicros;
          TileKey key = new TileKey(ByteBuffer.wrap(ctx.entityKey(row)), start);
          if (!touched.contains(key) || !seen.add(new RowKey(row))) {
            return;
          }
          Acc acc = tiles.computeIfAbsent(key, k -> new Acc(keyValues(ctx, row), aggregators));
          Instant c = (Instant) row[cr];
          acc.created = Math.max(acc.created, EpochMicros.of(c));
          for (int i = 0; i < columns.length; i++) {
            acc.partials[i].update(new Event(e, c, row[columns[i]]));
          }
        });
    return tiles;
  }

  private static List<Object[]> offline(ViewContext ctx, Map<TileKey, Acc> tiles, Duration hop) {
    List<Object[]> rows = new ArrayList<>(tiles.size());
    int keys = ctx.joinKeys().size();
    tiles.forEach(
        (key, acc) -> {
          Object[] row = Arrays.copyOf(acc.keys, keys + 3 + acc.partials.length);
          row[keys] = EpochMicros.toInstant(key.start());
          row[keys + 1] = hop.toSeconds();
          row[keys + 2] = EpochMicros.toInstant(acc.created);
          for (int i = 0; i < acc.partials.length; i++) {
            row[keys + 3 + i] = PartialAggregateCodec.encode(acc.partials[i]);
          }
          rows.add(row);
        });
    return rows;
  }

  private static List<ScriptCall> online(ViewContext ctx, Map<TileKey, Acc> tiles, Duration hop) {
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
    Map<ByteBuffer, List<Tile>> byEntity = new HashMap<>();
    tiles.forEach(
        (key, acc) ->
            byEntity
                .computeIfAbsent(key.entity(), k -> new ArrayList<>())
                .add(
                    new Tile(
                        key.start(),
                        schemaId,
                        acc.created,
                        TilePayloadCodec.encode(Arrays.asList(acc.partials)))));
    List<ScriptCall> calls = new ArrayList<>(byEntity.size());
    byEntity.forEach((entity, list) -> calls.add(put.call(entity.array(), list)));
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
