package io.quiver.materializer.pipeline;

import io.quiver.core.aggregate.Aggregator;
import io.quiver.core.aggregate.PartialArray;
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
import io.quiver.offline.ColumnarRows;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

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
    // a single INT64 key whose values span a range small next to the batch (a sequence's ids) is
    // looked up by its offset in an array: the map's probes were a cache miss per row
    private int[] denseIds;
    private long denseMin;
    private final Map<Object, Integer> ids = new HashMap<>();
    private final List<Object[]> keyValues = new ArrayList<>();
    private final List<byte[]> encoded = new ArrayList<>();

    Entities(ViewContext ctx) {
      this.ctx = ctx;
    }

    /**
     * Prepares array lookups when the batch's only key is an INT64 column without nulls whose
     * values span at most twice the batch's rows (so at most 8 bytes a row).
     */
    void prepare(ColumnBatch batch) {
      if (!singleLongKey(batch) || batch.isEmpty()) {
        return;
      }
      long[] keys = batch.longs(ctx.keyIndexes()[0]);
      long min = Long.MAX_VALUE;
      long max = Long.MIN_VALUE;
      for (int r = 0; r < batch.size(); r++) {
        min = Math.min(min, keys[r]);
        max = Math.max(max, keys[r]);
      }
      long span = max - min + 1; // overflows to <= 0 for the widest ranges
      if (span > 0 && span <= 2L * batch.size() + 1024) {
        denseMin = min;
        denseIds = new int[(int) span];
        Arrays.fill(denseIds, -1);
      }
    }

    /** Whether the key is one INT64 column without nulls, whose values {@link #id} reads. */
    private boolean singleLongKey(ColumnBatch batch) {
      int[] at = ctx.keyIndexes();
      return at.length == 1 && batch.kind(at[0]) == ColumnBatch.Kind.LONG && !batch.hasNulls(at[0]);
    }

    /** The entity id of an INT64 (or INT32) key, or -1 when it is not known. */
    private int longId(long key) {
      if (denseIds == null) {
        return longIds.get(key);
      }
      long offset = key - denseMin;
      // every key of the batch is in the range; a row read back may not be
      return offset < 0 || offset >= denseIds.length ? -1 : denseIds[(int) offset];
    }

    /** A new entity for an INT64 (or INT32) key of the batch, from its row's key values. */
    private int addLong(long key, Object[] row) {
      int id = newEntity(row);
      if (denseIds == null) {
        longIds.put(key, id);
      } else {
        denseIds[(int) (key - denseMin)] = id;
      }
      return id;
    }

    /** Row {@code r}'s entity id, or -1 when {@code add} is false and the entity is not known. */
    int id(ColumnBatch batch, int r, boolean add) {
      if (!singleLongKey(batch)) {
        return id(keyRow(batch, r), add);
      }
      long key = batch.longs(ctx.keyIndexes()[0])[r];
      int id = longId(key);
      return id >= 0 || !add ? id : addLong(key, keyRow(batch, r));
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
        int id = longId(key);
        return id >= 0 || !add ? id : addLong(key, row);
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

  /**
   * The tiles a batch touches, to be filled with every distinct curated event of their hops: the
   * committed ones read back and the batch's new ones, each exactly once, through {@link #add}.
   */
  public static final class Tiles {
    private final ViewContext ctx;
    private final Entities entities;
    // tile t: its entity, hop start, greatest created time (MIN_VALUE until an event reaches it)
    // and one partial state per aggregation, all by index: objects per tile and aggregation, at
    // random, were a dependent cache miss each
    private final IntArrayList tileEntity = new IntArrayList();
    private final LongArrayList tileStart = new LongArrayList();
    private final long[] created;
    private final PartialArray[] partials;
    // a tile by entity and hop: an array over (entity, hop in the batch's span) when that is
    // small next to the batch (at most 8 bytes a row), else a map; array reads, unlike the map's
    // probes, were not a cache miss per row
    private final int[] denseTiles;
    private final int span;
    private final Long2IntOpenHashMap index;
    private final List<CuratedEvents.Range> ranges;
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
      this.columns = columns(ctx);
      this.entities = new Entities(ctx);
      entities.prepare(batch);
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
      this.span = ids.length == 0 ? 0 : (int) (lastHop - firstHop + 1);
      long cells = (long) entities.size() * span;
      boolean dense = cells <= 2L * ids.length + 1024 && cells < Integer.MAX_VALUE;
      this.denseTiles = dense ? new int[entities.size() * span] : null;
      this.index = dense ? null : absentIsMinusOne(new Long2IntOpenHashMap(ids.length / 4));
      LongOpenHashSet starts = new LongOpenHashSet();
      if (dense) {
        // the cells the batch touches, then numbered in (entity, hop) order: a tile's index is
        // then its place in entity order, which the encoding and the online calls read in
        Arrays.fill(denseTiles, -1);
        for (int r = 0; r < ids.length; r++) {
          denseTiles[ids[r] * span + (int) (hops[r] - firstHop)] = 0;
        }
        for (int cell = 0; cell < denseTiles.length; cell++) {
          if (denseTiles[cell] == 0) {
            denseTiles[cell] = tileEntity.size();
            long start = (firstHop + cell % span) * hopMicros;
            tileEntity.add(cell / span);
            tileStart.add(start);
            starts.add(start);
          }
        }
      } else {
        for (int r = 0; r < ids.length; r++) {
          if (tile(ids[r], hops[r]) < 0) {
            index.put(key(ids[r], hops[r]), tileEntity.size());
            tileEntity.add(ids[r]);
            tileStart.add(hops[r] * hopMicros);
            starts.add(hops[r] * hopMicros);
          }
        }
      }
      this.created = new long[tileEntity.size()];
      Arrays.fill(created, Long.MIN_VALUE);
      List<Aggregator> aggregators = aggregators(ctx);
      this.partials = new PartialArray[aggregators.size()];
      for (int i = 0; i < partials.length; i++) {
        partials[i] = PartialArray.of(aggregators.get(i), tileEntity.size());
      }
      long[] sorted = starts.toLongArray();
      Arrays.sort(sorted);
      this.ranges = CuratedEvents.ranges(sorted, hopMicros, MAX_RANGES);
    }

    /** The tile of an entity and a hop in the batch's span, or -1 when the batch has none. */
    private int tile(int entity, long hopIndex) {
      if (denseTiles != null) {
        return denseTiles[entity * span + (int) (hopIndex - firstHop)];
      }
      return index.get(key(entity, hopIndex));
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
      int t = entity < 0 ? -1 : tile(entity, hopIndex);
      if (t < 0) {
        return;
      }
      Instant c = (Instant) row[cr];
      created[t] = Math.max(created[t], EpochMicros.of(c));
      for (int i = 0; i < columns.length; i++) {
        partials[i].update(t, e, c, row[columns[i]]);
      }
    }

    /**
     * Counts every row of {@code rows} (distinct curated events, in curated layout) into its tile,
     * as {@link #add} does one row, reading the columns without building the rows.
     */
    public void addAll(ColumnBatch rows) {
      long[] event = rows.longs(ev);
      long[] createdAt = rows.longs(cr);
      int[] tileOf = new int[rows.size()]; // -1: a row of no tile the batch touched
      for (int r = 0; r < rows.size(); r++) {
        long hopIndex = Math.floorDiv(event[r], hopMicros);
        int entity = hopIndex < firstHop || hopIndex > lastHop ? -1 : entities.id(rows, r, false);
        int t = entity < 0 ? -1 : tile(entity, hopIndex);
        tileOf[r] = t;
        if (t >= 0) {
          created[t] = Math.max(created[t], createdAt[r]);
        }
      }
      // one aggregation at a time: a loop touches one partial array or two, not all of them
      for (int i = 0; i < columns.length; i++) {
        addColumn(rows, tileOf, event, createdAt, columns[i], partials[i]);
      }
    }

    private static void addColumn(
        ColumnBatch rows, int[] tileOf, long[] event, long[] created, int column, PartialArray p) {
      boolean nullable = rows.hasNulls(column);
      switch (rows.kind(column)) {
        case LONG -> {
          long[] values = rows.longs(column);
          for (int r = 0; r < tileOf.length; r++) {
            if (tileOf[r] >= 0 && !(nullable && rows.isNull(column, r))) {
              p.updateLong(tileOf[r], event[r], created[r], values[r]);
            }
          }
        }
        case TIME -> {
          long[] values = rows.longs(column);
          for (int r = 0; r < tileOf.length; r++) {
            if (tileOf[r] >= 0 && !(nullable && rows.isNull(column, r))) {
              p.updateMicros(tileOf[r], event[r], created[r], values[r]);
            }
          }
        }
        case DOUBLE -> {
          double[] values = rows.doubles(column);
          for (int r = 0; r < tileOf.length; r++) {
            if (tileOf[r] >= 0 && !(nullable && rows.isNull(column, r))) {
              p.updateDouble(tileOf[r], event[r], created[r], values[r]);
            }
          }
        }
        case OBJECT -> {
          for (int r = 0; r < tileOf.length; r++) {
            Object v = tileOf[r] < 0 ? null : rows.value(column, r);
            if (v != null) {
              p.update(
                  tileOf[r], EpochMicros.toInstant(event[r]), EpochMicros.toInstant(created[r]), v);
            }
          }
        }
      }
    }

    /** The offline tile rows and the online writes of the filled tiles; call once, last. */
    public FeatureBatch finish() {
      Encoded encoded = Encoded.of(entities.size(), tileEntity, tileStart, created, partials);
      return new FeatureBatch(
          offline(ctx, entities, encoded, hop), online(ctx, entities, encoded, hop), newest);
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
   * The filled tiles with their partials encoded once (the offline row stores them one per column,
   * the online payload concatenates them), grouped by entity: entity {@code e}'s tiles are {@code
   * [firstOf[e], firstOf[e + 1])}, in tile index order. A tile no event reached is left out.
   * (Encoded in entity order, an entity's tiles lie together in memory when its online call reads
   * them, where the batch's order scattered them: a cache miss per tile and partial. Tiles found by
   * array are numbered in entity order already, so the encoding reads the partial arrays in order.)
   */
  private record Encoded(
      int[] firstOf, int[] entity, long[] start, long[] created, byte[][][] partials) {
    static Encoded of(
        int entities,
        IntArrayList tileEntity,
        LongArrayList tileStart,
        long[] created,
        PartialArray[] states) {
      // entity ids are dense: a counting sort groups the tiles by entity, keeping their order
      int[] firstOf = new int[entities + 1];
      for (int t = 0; t < created.length; t++) {
        if (created[t] != Long.MIN_VALUE) {
          firstOf[tileEntity.getInt(t) + 1]++;
        }
      }
      for (int e = 0; e < entities; e++) {
        firstOf[e + 1] += firstOf[e];
      }
      int n = firstOf[entities];
      int[] order = new int[n];
      int[] filled = Arrays.copyOf(firstOf, entities);
      for (int t = 0; t < created.length; t++) {
        if (created[t] != Long.MIN_VALUE) {
          order[filled[tileEntity.getInt(t)]++] = t;
        }
      }
      Encoded out = new Encoded(firstOf, new int[n], new long[n], new long[n], new byte[n][][]);
      BinaryWriter scratch = new BinaryWriter();
      for (int k = 0; k < n; k++) {
        int t = order[k];
        out.entity[k] = tileEntity.getInt(t);
        out.start[k] = tileStart.getLong(t);
        out.created[k] = created[t];
        byte[][] encoded = new byte[states.length][];
        for (int i = 0; i < states.length; i++) {
          encoded[i] = states[i].encode(t, scratch);
        }
        out.partials[k] = encoded;
      }
      return out;
    }

    int size() {
      return entity.length;
    }
  }

  /**
   * The offline tile rows, each built when it is read (millions of rows held at once, an array and
   * two Instants each, were most of a tile's memory), and also {@link ColumnarRows}, which the
   * Iceberg append reads in place.
   */
  private static List<Object[]> offline(
      ViewContext ctx, Entities entities, Encoded tiles, Duration hop) {
    return new OfflineTiles(ctx.joinKeys().size(), hop.toSeconds(), entities, tiles);
  }

  /** Columns: the join keys, tile_start, hop_seconds, created_timestamp, the partials. */
  private static final class OfflineTiles extends Lazy<Object[]> implements ColumnarRows {
    private final int keys;
    private final Long hopSeconds;
    private final Entities entities;
    private final Encoded tiles;

    OfflineTiles(int keys, long hopSeconds, Entities entities, Encoded tiles) {
      super(tiles.size());
      this.keys = keys;
      this.hopSeconds = hopSeconds;
      this.entities = entities;
      this.tiles = tiles;
    }

    @Override
    public Object[] get(int t) {
      byte[][] partials = tiles.partials[t];
      Object[] row = Arrays.copyOf(entities.keyValues(tiles.entity[t]), keys + 3 + partials.length);
      row[keys] = EpochMicros.toInstant(tiles.start[t]);
      row[keys + 1] = hopSeconds;
      row[keys + 2] = EpochMicros.toInstant(tiles.created[t]);
      System.arraycopy(partials, 0, row, keys + 3, partials.length);
      return row;
    }

    @Override
    public boolean isNull(int column, int row) {
      return column < keys && entities.keyValues(tiles.entity[row])[column] == null;
    }

    @Override
    public long micros(int column, int row) {
      if (column < keys) { // a TIMESTAMP join key
        return EpochMicros.of((Instant) entities.keyValues(tiles.entity[row])[column]);
      }
      return column == keys ? tiles.start[row] : tiles.created[row];
    }

    @Override
    public Object value(int column, int row) {
      if (column < keys) {
        return entities.keyValues(tiles.entity[row])[column];
      }
      return column == keys + 1 ? hopSeconds : tiles.partials[row][column - keys - 3];
    }
  }

  /** A list whose elements are built on each {@link #get}, from arrays it does not copy. */
  private abstract static class Lazy<T> extends AbstractList<T> implements RandomAccess {
    private final int size;

    Lazy(int size) {
      this.size = size;
    }

    @Override
    public int size() {
      return size;
    }
  }

  private static List<ScriptCall> online(
      ViewContext ctx, Entities entities, Encoded tiles, Duration hop) {
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
    int[] firstOf = tiles.firstOf();
    int[] withTiles = new int[entities.size()]; // entities some event reached
    int n = 0;
    for (int e = 0; e < entities.size(); e++) {
      if (firstOf[e] < firstOf[e + 1]) {
        withTiles[n++] = e;
      }
    }
    // each call built when the writer reads it, as the offline rows: one per entity held at once
    // (key, arguments, tile values) was as much memory again as the tiles' encoded partials
    return new Lazy<>(n) {
      @Override
      public ScriptCall get(int i) {
        int e = withTiles[i];
        List<Tile> list = new ArrayList<>(firstOf[e + 1] - firstOf[e]);
        for (int t = firstOf[e]; t < firstOf[e + 1]; t++) {
          byte[] payload = TilePayloadCodec.ofEncoded(tiles.partials[t]);
          list.add(new Tile(tiles.start[t], schemaId, tiles.created[t], payload));
        }
        return put.call(entities.encoded(e), list);
      }
    };
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
