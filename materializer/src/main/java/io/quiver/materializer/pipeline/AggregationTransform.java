package io.quiver.materializer.pipeline;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.PartialAggregate;
import io.quiver.core.aggregate.PartialAggregateCodec;
import io.quiver.core.aggregate.TilePayloadCodec;
import io.quiver.core.model.Aggregation;
import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.Tile;
import io.quiver.core.online.TilePut;
import io.quiver.core.value.BinaryWriter;
import io.quiver.core.value.EpochMicros;
import io.quiver.materializer.source.ColumnBatch;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An aggregation view: the tiles of every (entity, hop) the batch touched are recomputed whole from
 * ALL curated events of that hop (the batch's own included, exact duplicates dropped by the caller,
 * see {@link CuratedReadBack}), so late events and re-runs give the same tiles as one run over
 * everything. Offline each tile is a row (join keys, tile_start, hop_seconds, created_timestamp,
 * one partial per aggregation); online one {@code tiles_put} per entity with the payload of {@link
 * TilePayloadCodec}.
 */
public final class AggregationTransform {
  private static final int MAX_RANGES = 64;

  private AggregationTransform() {}

  /**
   * The entities of a batch, each given a dense id the first time it is seen, with its join key
   * values and online key bytes computed once rather than per event.
   */
  private static final class Entities {
    private final ViewContext ctx;
    private final Long2IntOpenHashMap longIds = absentIsMinusOne(new Long2IntOpenHashMap(1 << 12));
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object[]> keyValues = new ArrayList<>();
    private final List<byte[]> encoded = new ArrayList<>();

    Entities(ViewContext ctx) {
      this.ctx = ctx;
    }

    /** Row {@code r}'s entity id, or -1 when {@code add} is false and the entity is not known. */
    int id(ColumnBatch batch, int r, boolean add) {
      int[] at = ctx.keyIndexes();
      if (at.length == 1 && batch.kind(at[0]) == ColumnBatch.Kind.LONG && !batch.isNull(at[0], r)) {
        long key = batch.longs(at[0])[r];
        int id = longIds.get(key);
        if (id >= 0 || !add) {
          return id;
        }
        id = newEntity(keyRow(batch, r));
        longIds.put(key, id);
        return id;
      }
      return id(keyRow(batch, r), add);
    }

    /** A row with only the join key values of batch row {@code r} set. */
    private Object[] keyRow(ColumnBatch batch, int r) {
      Object[] row = new Object[batch.width()];
      for (int k : ctx.keyIndexes()) {
        row[k] = batch.value(k, r);
      }
      return row;
    }

    /** The row's entity id, or -1 when {@code add} is false and the entity is not known. */
    int id(Object[] row, boolean add) {
      int[] at = ctx.keyIndexes();
      if (at.length == 1 && (row[at[0]] instanceof Long || row[at[0]] instanceof Integer)) {
        long key = ((Number) row[at[0]]).longValue();
        int id = longIds.get(key);
        if (id >= 0 || !add) {
          return id;
        }
        id = newEntity(row);
        longIds.put(key, id);
        return id;
      }
      Object key = lookupKey(row);
      Integer id = ids.get(key);
      if (id != null || !add) {
        return id == null ? -1 : id;
      }
      int next = newEntity(row);
      ids.put(key, next);
      return next;
    }

    private int newEntity(Object[] row) {
      keyValues.add(AggregationTransform.keyValues(ctx, row));
      encoded.add(ctx.entityKey(row));
      return keyValues.size() - 1;
    }

    /** A single string key is its own lookup key; others are their encoded bytes. */
    private Object lookupKey(Object[] row) {
      int[] at = ctx.keyIndexes();
      if (at.length == 1 && row[at[0]] instanceof String v) {
        return v;
      }
      return ByteBuffer.wrap(ctx.entityKey(row));
    }

    Object[] keyValues(int id) {
      return keyValues.get(id);
    }

    int size() {
      return keyValues.size();
    }

    byte[] encoded(int id) {
      return encoded.get(id);
    }
  }

  /** One tile being rebuilt: its entity id and hop start, partials and greatest created time. */
  private static final class Acc {
    final int entity;
    final long start;
    final PartialAggregate[] partials;
    long created = Long.MIN_VALUE;

    Acc(int entity, long start, List<Aggregator> aggregators) {
      this.entity = entity;
      this.start = start;
      this.partials = new PartialAggregate[aggregators.size()];
      for (int i = 0; i < partials.length; i++) {
        partials[i] = aggregators.get(i).empty();
      }
    }
  }

  /**
   * The tiles a batch touches, to be filled with every distinct curated event of their hops: the
   * committed ones read back and the batch's new ones, each exactly once, through {@link #add}.
   */
  public static final class Tiles {
    private final ViewContext ctx;
    private final Entities entities;
    private final List<Acc> tiles = new ArrayList<>();
    private final Long2IntOpenHashMap index;
    private final List<CuratedEvents.Range> ranges;
    private final List<Aggregator> aggregators;
    private final int[] columns;
    private final int ev;
    private final int cr;
    private final long hopMicros;
    private final Duration hop;
    private long firstHop = Long.MAX_VALUE;
    private long lastHop = Long.MIN_VALUE;
    private final Instant newest;

    private Tiles(ViewContext ctx, ColumnBatch batch) {
      this.ctx = ctx;
      this.hop = TileHop.of(ctx.view());
      this.hopMicros = hop.toNanos() / 1000;
      this.ev = ctx.layout().eventTimeIndex();
      this.cr = ctx.layout().createdTimeIndex();
      this.aggregators = aggregators(ctx);
      this.columns = columns(ctx);
      this.entities = new Entities(ctx);
      int[] ids = new int[batch.size()];
      long[] hops = new long[batch.size()];
      long[] event = batch.longs(ev);
      long newestMicros = Long.MIN_VALUE;
      for (int r = 0; r < ids.length; r++) {
        ids[r] = entities.id(batch, r, true);
        hops[r] = Math.floorDiv(event[r], hopMicros);
        firstHop = Math.min(firstHop, hops[r]);
        lastHop = Math.max(lastHop, hops[r]);
        newestMicros = Math.max(newestMicros, event[r]);
      }
      this.newest = ids.length == 0 ? null : EpochMicros.toInstant(newestMicros);
      if (ids.length > 0 && (lastHop - firstHop) >= (1L << 31)) {
        throw new IllegalArgumentException(
            "a batch spans more than 2^31 tile hops of " + hop + ": split it by event time");
      }
      this.index = absentIsMinusOne(new Long2IntOpenHashMap(ids.length / 4));
      long[] starts = new long[ids.length];
      int distinctStarts = 0;
      for (int r = 0; r < ids.length; r++) {
        long key = key(ids[r], hops[r]);
        if (index.get(key) < 0) {
          index.put(key, tiles.size());
          tiles.add(new Acc(ids[r], hops[r] * hopMicros, aggregators));
          starts[distinctStarts++] = hops[r] * hopMicros;
        }
      }
      long[] sorted = Arrays.stream(starts, 0, distinctStarts).distinct().sorted().toArray();
      this.ranges = CuratedEvents.ranges(sorted, hopMicros, MAX_RANGES);
    }

    /** Entity id and hop as one long: the hop's offset in the batch's span below 2^31. */
    private long key(int entity, long hopIndex) {
      return ((long) entity << 31) | (hopIndex - firstHop);
    }

    /** The event-time ranges whose curated events the tiles need. */
    public List<CuratedEvents.Range> ranges() {
      return ranges;
    }

    /** Counts one distinct curated event into its tile, if the batch touched that tile. */
    public void add(Object[] row) {
      Instant e = (Instant) row[ev];
      long hopIndex = Math.floorDiv(EpochMicros.of(e), hopMicros);
      if (hopIndex < firstHop || hopIndex > lastHop) {
        return;
      }
      int entity = entities.id(row, false);
      int t = entity < 0 ? -1 : index.get(key(entity, hopIndex));
      if (t < 0) {
        return;
      }
      Acc acc = tiles.get(t);
      Instant c = (Instant) row[cr];
      acc.created = Math.max(acc.created, EpochMicros.of(c));
      for (int i = 0; i < columns.length; i++) {
        acc.partials[i].update(e, c, row[columns[i]]);
      }
    }

    /**
     * Counts every row of {@code rows} (distinct curated events, in curated layout) into its tile,
     * as {@link #add} does one row, reading the columns without building the rows.
     */
    public void addAll(ColumnBatch rows) {
      long[] event = rows.longs(ev);
      long[] created = rows.longs(cr);
      ColumnBatch.Kind[] kinds = new ColumnBatch.Kind[columns.length];
      boolean[] nullable = new boolean[columns.length];
      long[][] longs = new long[columns.length][];
      double[][] doubles = new double[columns.length][];
      for (int i = 0; i < columns.length; i++) {
        kinds[i] = rows.kind(columns[i]);
        nullable[i] = rows.hasNulls(columns[i]);
        switch (kinds[i]) {
          case LONG, TIME -> longs[i] = rows.longs(columns[i]);
          case DOUBLE -> doubles[i] = rows.doubles(columns[i]);
          case OBJECT -> {}
        }
      }
      for (int r = 0; r < rows.size(); r++) {
        long e = event[r];
        long hopIndex = Math.floorDiv(e, hopMicros);
        if (hopIndex < firstHop || hopIndex > lastHop) {
          continue;
        }
        int entity = entities.id(rows, r, false);
        int t = entity < 0 ? -1 : index.get(key(entity, hopIndex));
        if (t < 0) {
          continue;
        }
        Acc acc = tiles.get(t);
        long c = created[r];
        acc.created = Math.max(acc.created, c);
        for (int i = 0; i < columns.length; i++) {
          int column = columns[i];
          if (nullable[i] && rows.isNull(column, r)) {
            continue;
          }
          PartialAggregate p = acc.partials[i];
          switch (kinds[i]) {
            case LONG -> p.updateLong(e, c, longs[i][r]);
            case TIME -> p.updateMicros(e, c, longs[i][r]);
            case DOUBLE -> p.updateDouble(e, c, doubles[i][r]);
            case OBJECT ->
                p.update(EpochMicros.toInstant(e), EpochMicros.toInstant(c), rows.value(column, r));
          }
        }
      }
    }

    /** The offline tile rows and the online writes of the filled tiles. */
    public FeatureBatch finish() {
      tiles.removeIf(acc -> acc.created == Long.MIN_VALUE); // no event reached it
      byte[][][] encoded = encode(tiles);
      return new FeatureBatch(
          offline(ctx, entities, tiles, encoded, hop),
          online(ctx, entities, tiles, encoded, hop),
          newest);
    }
  }

  /** The tiles {@code batch} (curated layout rows) touches, empty. */
  public static Tiles tiles(ViewContext ctx, ColumnBatch batch) {
    return new Tiles(ctx, batch);
  }

  /**
   * A primitive long-to-int map (no boxed key or node per entry: millions of lookups a batch) whose
   * {@code get} answers -1 for an absent key.
   */
  private static Long2IntOpenHashMap absentIsMinusOne(Long2IntOpenHashMap map) {
    map.defaultReturnValue(-1);
    return map;
  }

  /**
   * Every tile's partials encoded once, in the iteration order of {@code tiles}: the offline row
   * stores them one per column, the online payload concatenates them.
   */
  private static byte[][][] encode(List<Acc> tiles) {
    byte[][][] out = new byte[tiles.size()][][];
    BinaryWriter scratch = new BinaryWriter();
    int t = 0;
    for (Acc acc : tiles) {
      byte[][] partials = new byte[acc.partials.length][];
      for (int i = 0; i < partials.length; i++) {
        partials[i] = PartialAggregateCodec.encode(acc.partials[i], scratch);
      }
      out[t++] = partials;
    }
    return out;
  }

  private static List<Object[]> offline(
      ViewContext ctx, Entities entities, List<Acc> tiles, byte[][][] encoded, Duration hop) {
    List<Object[]> rows = new ArrayList<>(tiles.size());
    int keys = ctx.joinKeys().size();
    Long hopSeconds = hop.toSeconds();
    int t = 0;
    for (Acc acc : tiles) {
      Object[] row = Arrays.copyOf(entities.keyValues(acc.entity), keys + 3 + acc.partials.length);
      row[keys] = EpochMicros.toInstant(acc.start);
      row[keys + 1] = hopSeconds;
      row[keys + 2] = EpochMicros.toInstant(acc.created);
      System.arraycopy(encoded[t++], 0, row, keys + 3, acc.partials.length);
      rows.add(row);
    }
    return rows;
  }

  private static List<ScriptCall> online(
      ViewContext ctx, Entities entities, List<Acc> tiles, byte[][][] encoded, Duration hop) {
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
    // entity ids are dense, so a counting sort groups the tiles by entity (keeping their order)
    // with two int arrays instead of a map of boxed ids to lists
    int[] firstOf = new int[entities.size() + 1];
    for (Acc acc : tiles) {
      firstOf[acc.entity + 1]++;
    }
    for (int e = 0; e < entities.size(); e++) {
      firstOf[e + 1] += firstOf[e];
    }
    int[] order = new int[tiles.size()];
    int[] filled = Arrays.copyOf(firstOf, entities.size());
    for (int t = 0; t < tiles.size(); t++) {
      order[filled[tiles.get(t).entity]++] = t;
    }
    List<ScriptCall> calls = new ArrayList<>();
    for (int e = 0; e < entities.size(); e++) {
      int from = firstOf[e];
      int to = firstOf[e + 1];
      if (from == to) {
        continue; // its tiles got no event
      }
      List<Tile> list = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Acc acc = tiles.get(order[i]);
        list.add(
            new Tile(
                acc.start, schemaId, acc.created, TilePayloadCodec.ofEncoded(encoded[order[i]])));
      }
      calls.add(put.call(entities.encoded(e), list));
    }
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
