package io.quiver.core.online;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

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
      SchemaLookup schemas = view.tiled() ? null : schemasOf.apply(v);
      SelectRecordCodec.Projection[] memo = new SelectRecordCodec.Projection[1];
      results[v] = new Object[view.entityKeys().size()];
      for (int row = 0; row < results[v].length; row++) {
        List<byte[]> reply = replies.get(command[v][row]);
        results[v][row] = decodeOne(view, reply, row, v, schemas, memo);
      }
    }
    return new ReadResult(results);
  }

  private Object decodeOne(
      ViewRead view,
      List<byte[]> reply,
      int row,
      int v,
      SchemaLookup schemas,
      SelectRecordCodec.Projection[] memo) {
    try {
      if (view.tiled()) {
        return tiles(reply);
      }
      byte[] bytes = reply.get(position[v][row]);
      return bytes == null ? null : SelectRecordCodec.decode(bytes, schemas, view.schema(), memo);
    } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException e) {
      return new ReadResult.Unreadable(view.view() + " v" + view.version() + ": " + e.getMessage());
    }
  }

  private void planSelects() {
    // Each distinct view version's key prefix, built and validated once per plan, not per row.
    List<byte[]> prefixes = new ArrayList<>();
    int[] prefixOf = new int[views.size()];
    for (int v = 0; v < views.size(); v++) {
      prefixOf[v] = -1;
      if (!views.get(v).tiled()) {
        prefixOf[v] = indexOfPrefix(prefixes, OnlineKeys.prefixBytes(views.get(v)));
      }
    }
    // Distinct entities in order of first appearance; per entity its MGET keys, and per prefix
    // where that view's key sits in the MGET (-1: not yet added).
    Map<ByteBuffer, Integer> entityIndex = new HashMap<>();
    List<List<byte[]>> keysOfEntity = new ArrayList<>();
    List<int[]> positionOfPrefix = new ArrayList<>();
    List<byte[]> encodedEntity = new ArrayList<>(); // base64 once per entity, not once per view
    for (int v = 0; v < views.size(); v++) {
      ViewRead view = views.get(v);
      if (view.tiled()) {
        continue;
      }
      int rows = view.entityKeys().size();
      position[v] = new int[rows];
      command[v] = new int[rows];
      for (int row = 0; row < rows; row++) {
        byte[] entity = view.entityKeys().get(row);
        Integer known = entityIndex.putIfAbsent(ByteBuffer.wrap(entity), keysOfEntity.size());
        int e = known == null ? keysOfEntity.size() : known;
        if (known == null) {
          keysOfEntity.add(new ArrayList<>(4));
          encodedEntity.add(OnlineKeys.encodeEntity(entity));
          int[] positions = new int[prefixes.size()];
          Arrays.fill(positions, -1);
          positionOfPrefix.add(positions);
        }
        int[] positions = positionOfPrefix.get(e);
        int at = positions[prefixOf[v]];
        if (at < 0) {
          List<byte[]> keys = keysOfEntity.get(e);
          at = keys.size();
          keys.add(OnlineKeys.keyOfEncoded(prefixes.get(prefixOf[v]), encodedEntity.get(e)));
          positions[prefixOf[v]] = at;
        }
        position[v][row] = at;
        command[v][row] = e; // the MGETs come first, one per entity in this order
      }
    }
    for (List<byte[]> keys : keysOfEntity) {
      commands.add(RedisCommand.of("MGET", keys));
    }
  }

  private static int indexOfPrefix(List<byte[]> prefixes, byte[] prefix) {
    for (int i = 0; i < prefixes.size(); i++) {
      if (Arrays.equals(prefixes.get(i), prefix)) {
        return i;
      }
    }
    prefixes.add(prefix);
    return prefixes.size() - 1;
  }

  private void planTiles() {
    Map<ByteBuffer, Integer> commandOf = new HashMap<>();
    for (int v = 0; v < views.size(); v++) {
      ViewRead view = views.get(v);
      if (!view.tiled()) {
        continue;
      }
      byte[] prefix = OnlineKeys.prefixBytes(view);
      int[] out = new int[view.entityKeys().size()];
      for (int row = 0; row < out.length; row++) {
        byte[] key = OnlineKeys.key(prefix, view.entityKeys().get(row));
        Integer known = commandOf.putIfAbsent(ByteBuffer.wrap(key), commands.size());
        if (known == null) {
          out[row] = commands.size();
          commands.add(RedisCommand.of("HGETALL", List.of(key)));
        } else {
          out[row] = known;
        }
      }
      command[v] = out;
    }
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
