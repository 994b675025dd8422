package io.quiver.core.online;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * The Redis commands for one serving request, views × entity rows, to send as one pipelined batch
 * (one round trip), and the decoding of their replies.
 *
 * <p>Select views: one {@code MGET} per distinct entity key, of that entity's keys in every select
 * view (they share a hash tag, so this is valid in Redis Cluster too). Aggregation views: one
 * {@code HGETALL} per distinct (view, entity). Repeated rows are read once. In Cluster, an adapter
 * groups the commands by the node owning their slot and sends one pipeline per node.
 *
 * <p>Replies, in command order, as a list of byte strings each: for MGET the values (null where the
 * key is missing), for HGETALL field, value, field, value... (a RESP3 map flattened).
 */
public final class ReadPlan {
  private final List<ViewRead> views;
  private final List<RedisCommand> commands = new ArrayList<>();
  // Where each (view, row) finds its reply: command index and position in the reply.
  private final int[][] command;
  private final int[][] position;

  private ReadPlan(List<ViewRead> views) {
    this.views = List.copyOf(views);
    this.command = new int[views.size()][];
    this.position = new int[views.size()][];
    planSelects();
    planTiles();
  }

  public static ReadPlan of(List<ViewRead> views) {
    return new ReadPlan(views);
  }

  public List<RedisCommand> commands() {
    return List.copyOf(commands);
  }

  /**
   * Decodes the replies, one per {@link #commands()} entry, into values per (view, row). Each
   * select view's records decode with its own {@link ViewRead#schemas()}. A value whose bytes do
   * not decode (unknown format version or schema id, bad bytes) becomes {@linkplain
   * ReadResult#unreadable unreadable} alone; for an aggregation view one bad tile makes the row's
   * tiles unreadable, since a window merged without it would be wrong.
   */
  public ReadResult decode(List<List<byte[]>> replies) {
    return decodeWith(replies, v -> views.get(v).schemas());
  }

  /** As {@link #decode(List)}, with one lookup for every select view. */
  public ReadResult decode(List<List<byte[]>> replies, SchemaLookup schemas) {
    return decodeWith(replies, v -> schemas);
  }

  private ReadResult decodeWith(List<List<byte[]>> replies, IntFunction<SchemaLookup> schemasOf) {
    if (replies.size() != commands.size()) {
      throw new IllegalArgumentException(
          replies.size() + " replies for " + commands.size() + " commands");
    }
    Object[][] results = new Object[views.size()][];
    for (int v = 0; v < views.size(); v++) {
      ViewRead view = views.get(v);
      results[v] = new Object[view.entityKeys().size()];
      for (int row = 0; row < results[v].length; row++) {
        List<byte[]> reply = replies.get(command[v][row]);
        results[v][row] = decodeOne(view, reply, row, v, schemasOf);
      }
    }
    return new ReadResult(results);
  }

  private Object decodeOne(
      ViewRead view, List<byte[]> reply, int row, int v, IntFunction<SchemaLookup> schemasOf) {
    try {
      return view.tiled()
          ? tiles(reply)
          : record(reply.get(position[v][row]), schemasOf.apply(v), view.schema());
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      return new ReadResult.Unreadable(view.view() + " v" + view.version() + ": " + e.getMessage());
    }
  }

  private void planSelects() {
    // entity key -> (redis key -> position in its MGET)
    Map<ByteBuffer, Map<ByteBuffer, Integer>> byEntity = new LinkedHashMap<>();
    for (int v = 0; v < views.size(); v++) {
      ViewRead view = views.get(v);
      if (view.tiled()) {
        continue;
      }
      position[v] = new int[view.entityKeys().size()];
      for (int row = 0; row < position[v].length; row++) {
        byte[] entity = view.entityKeys().get(row);
        Map<ByteBuffer, Integer> keys =
            byEntity.computeIfAbsent(ByteBuffer.wrap(entity), e -> new LinkedHashMap<>());
        ByteBuffer key = redisKey(view, entity);
        position[v][row] = keys.computeIfAbsent(key, k -> keys.size());
      }
    }
    Map<ByteBuffer, Integer> commandOf = new LinkedHashMap<>();
    byEntity.forEach(
        (entity, keys) -> {
          commandOf.put(entity, commands.size());
          commands.add(
              RedisCommand.of("MGET", keys.keySet().stream().map(ReadPlan::bytes).toList()));
        });
    for (int v = 0; v < views.size(); v++) {
      if (!views.get(v).tiled()) {
        command[v] = rowsToCommand(views.get(v), commandOf::get);
      }
    }
  }

  private void planTiles() {
    Map<ByteBuffer, Integer> commandOf = new LinkedHashMap<>();
    for (int v = 0; v < views.size(); v++) {
      ViewRead view = views.get(v);
      if (view.tiled()) {
        command[v] =
            rowsToCommand(
                view,
                entity ->
                    commandOf.computeIfAbsent(
                        redisKey(view, bytes(entity)),
                        key -> {
                          commands.add(RedisCommand.of("HGETALL", List.of(bytes(key))));
                          return commands.size() - 1;
                        }));
      }
    }
  }

  private static int[] rowsToCommand(ViewRead view, ToIntFunction<ByteBuffer> commandOfEntity) {
    int[] out = new int[view.entityKeys().size()];
    for (int row = 0; row < out.length; row++) {
      out[row] = commandOfEntity.applyAsInt(ByteBuffer.wrap(view.entityKeys().get(row)));
    }
    return out;
  }

  private static ByteBuffer redisKey(ViewRead view, byte[] entity) {
    return ByteBuffer.wrap(OnlineKeys.key(view.project(), view.view(), view.version(), entity));
  }

  private static byte[] bytes(ByteBuffer b) {
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }

  private static SelectRecord record(byte[] bytes, SchemaLookup schemas, OnlineSchema target) {
    return bytes == null ? null : SelectRecordCodec.decode(bytes, schemas, target);
  }

  private static List<Tile> tiles(List<byte[]> flat) {
    List<Tile> tiles = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      tiles.add(TileCodec.decode(flat.get(i), flat.get(i + 1)));
    }
    tiles.sort(Comparator.comparingLong(Tile::startMicros));
    return List.copyOf(tiles);
  }
}
