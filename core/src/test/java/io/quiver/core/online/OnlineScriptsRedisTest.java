package io.quiver.core.online;

import static io.quiver.core.model.ValueType.INT64;
import static io.quiver.core.model.ValueType.STRING;
import static org.assertj.core.api.Assertions.assertThat;

import io.quiver.core.model.Field;
import io.quiver.core.model.ValueType;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/** The Lua scripts and the read plan against a real redis-server 6.2 (embedded-redis). */
class OnlineScriptsRedisTest {
  static final long MINUTE = 60_000_000L;
  static final OnlineSchema V1 =
      new OnlineSchema(1, List.of(new Field("country", STRING), new Field("n", ValueType.INT32)));
  static final OnlineSchema V2 =
      new OnlineSchema(
          2,
          List.of(
              new Field("country", STRING),
              new Field("n", INT64),
              new Field("vip", ValueType.BOOL)));

  static RedisServer server;
  static RespClient redis;

  final byte[] user = EntityKeyCodec.encode(List.of(INT64), List.of(42L));
  final SelectPut put = new SelectPut("demo", "profile", 1, V1, Duration.ofHours(1));
  final byte[] key = OnlineKeys.key("demo", "profile", 1, user);

  @BeforeAll
  static void startRedis() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").build();
    server.start();
    redis = new RespClient(port);
  }

  @AfterAll
  static void stopRedis() throws IOException {
    redis.close();
    server.stop();
  }

  @BeforeEach
  void flush() {
    redis.call("FLUSHALL");
    redis.call("SCRIPT", "FLUSH");
  }

  @Test
  void runsOnRedis62WithTheScriptShaRedisComputes() {
    assertThat(new String((byte[]) redis.call("INFO", "server"), StandardCharsets.US_ASCII))
        .contains("redis_version:6.2");
    for (OnlineScript script : OnlineScript.values()) {
      byte[] sha = (byte[]) redis.call("SCRIPT", "LOAD", script.source());
      assertThat(new String(sha, StandardCharsets.US_ASCII)).isEqualTo(script.sha1());
    }
  }

  @Test
  void evalAfterNoscriptCachesTheScriptForEvalsha() {
    ScriptCall call = put.call(user, 10, 10, List.of("fr", 1));

    Object first = run(call.evalsha());
    assertThat(first).isInstanceOf(RespClient.Error.class);
    assertThat(((RespClient.Error) first).message()).startsWith("NOSCRIPT");
    assertThat(run(call.eval())).isEqualTo(1L);
    assertThat(run(put.call(user, 11, 11, List.of("de", 2)).evalsha())).isEqualTo(1L);
  }

  @Test
  void newerEventTimeReplaces() {
    write(put.call(user, 10, 50, List.of("fr", 1)));

    assertThat(write(put.call(user, 20, 0, List.of("de", 2)))).isEqualTo(1L);
    assertThat(stored()).isEqualTo(new SelectRecord(1, 20, 0, List.of("de", 2)));
  }

  @Test
  void sameEventTimeWithLaterCreatedReplaces() {
    write(put.call(user, 10, 50, List.of("fr", 1)));

    assertThat(write(put.call(user, 10, 51, List.of("de", 2)))).isEqualTo(1L);
    assertThat(stored().values()).containsExactly("de", 2);
  }

  @Test
  void olderValueDoesNotReplaceEvenWhenCreatedLater() {
    write(put.call(user, 20, 50, List.of("fr", 1)));

    assertThat(write(put.call(user, 19, 99, List.of("de", 2)))).isEqualTo(0L);
    assertThat(write(put.call(user, 20, 49, List.of("es", 3)))).isEqualTo(0L);
    assertThat(write(put.call(user, -5, 0, List.of("it", 4)))).isEqualTo(0L);
    assertThat(stored()).isEqualTo(new SelectRecord(1, 20, 50, List.of("fr", 1)));
  }

  @Test
  void equalEventAndCreatedIsIdempotent() {
    ScriptCall call = put.call(user, 10, 50, List.of("fr", 1));
    write(call);
    byte[] before = (byte[]) redis.call("GET", key);

    assertThat(write(call)).isEqualTo(0L);
    assertThat(write(put.call(user, 10, 50, List.of("xx", 9)))).isEqualTo(0L);
    assertThat((byte[]) redis.call("GET", key)).isEqualTo(before);
  }

  @Test
  void expiresMaxAgeAfterTheWriteAndNeverWithoutMaxAge() {
    write(put.call(user, 10, 50, List.of("fr", 1)));
    long pttl = (Long) redis.call("PTTL", key);
    assertThat(pttl).isBetween(Duration.ofMinutes(59).toMillis(), Duration.ofHours(1).toMillis());

    SelectPut forever = new SelectPut("demo", "profile", 1, V1, null);
    write(forever.call(user, 11, 50, List.of("fr", 1)));
    assertThat(redis.call("PTTL", key)).isEqualTo(-1L);
  }

  @Test
  void tilesOverwriteWholeUnlessTheStoredOneWasCreatedLater() {
    TilePut tiles = new TilePut("demo", "clicks", 1, null, Duration.ofMinutes(5), null);
    write(tiles.call(user, List.of(tile(0, 10, "a"), tile(5 * MINUTE, 10, "b"))));

    assertThat(write(tiles.call(user, List.of(tile(0, 10, "A"))))).isEqualTo(1L);
    assertThat(write(tiles.call(user, List.of(tile(5 * MINUTE, 9, "stale"))))).isEqualTo(0L);
    assertThat(write(tiles.call(user, List.of(tile(5 * MINUTE, 11, "B2"))))).isEqualTo(1L);

    assertThat(storedTiles("clicks"))
        .containsExactly(Map.entry(0L, "A"), Map.entry(5 * MINUTE, "B2"));
  }

  @Test
  void dropsTilesTheLargestWindowCannotReachAndRefreshesExpiry() {
    TilePut tiles =
        new TilePut(
            "demo", "clicks", 1, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(2));
    write(tiles.call(user, List.of(tile(0, 1, "old"), tile(50 * MINUTE, 1, "edge"))));
    write(tiles.call(user, List.of(tile(60 * MINUTE, 1, "x"))));
    assertThat(storedTiles("clicks")).hasSize(3); // newest 60m - 65m keeps everything

    write(tiles.call(user, List.of(tile(115 * MINUTE, 1, "new"))));

    // 115m - (60m + 5m) = 50m: the tile at 0 goes, the one at 50m stays.
    assertThat(storedTiles("clicks").keySet())
        .containsExactly(50 * MINUTE, 60 * MINUTE, 115 * MINUTE);
    byte[] tileKey = OnlineKeys.key("demo", "clicks", 1, user);
    assertThat((Long) redis.call("PTTL", tileKey))
        .isBetween(Duration.ofMinutes(119).toMillis(), Duration.ofHours(2).toMillis());
  }

  @Test
  void callsOfMoreTilesThanOneChunkKeepTheRulesPerTileAndForRepeatedStarts() {
    TilePut tiles = new TilePut("demo", "clicks", 1, null, Duration.ofMinutes(5), null);
    // stored first: even starts created at 10, so a tile created at 9 must not replace them
    List<Tile> first = new ArrayList<>();
    for (int i = 0; i < 3000; i += 2) {
      first.add(tile(i * 5 * MINUTE, 10, "old" + i));
    }
    write(tiles.call(user, first));
    List<Tile> second = new ArrayList<>();
    Map<Long, String> expected = new TreeMap<>();
    for (int i = 0; i < 3000; i++) {
      long start = i * 5 * MINUTE;
      second.add(tile(start, 9, "new" + i)); // wins only where nothing was stored
      expected.put(start, i % 2 == 0 ? "old" + i : "new" + i);
    }
    // repeated starts in one call, in its first and its last chunk: the later wins when it is
    // created at least as late as the tile it meets, stored or written earlier in the call
    second.add(tile(1 * 5 * MINUTE, 8, "stale repeat"));
    second.add(tile(2999 * 5 * MINUTE, 9, "equal repeat"));
    second.add(tile(4 * 5 * MINUTE, 11, "newer repeat"));
    expected.put(2999 * 5 * MINUTE, "equal repeat");
    expected.put(4 * 5 * MINUTE, "newer repeat");

    assertThat(write(tiles.call(user, second))).isEqualTo(1500L + 2);
    assertThat(storedTiles("clicks")).isEqualTo(expected);
  }

  @Test
  void aCallWithAMalformedTileWritesNothing() {
    TilePut tiles = new TilePut("demo", "clicks", 1, null, Duration.ofMinutes(5), null);
    ScriptCall good = tiles.call(user, List.of(tile(0, 1, "a"), tile(5 * MINUTE, 1, "b")));
    List<byte[]> args = new ArrayList<>(good.args());
    args.add("600000000".getBytes(StandardCharsets.US_ASCII));
    args.add(new byte[] {1, 2, 3}); // shorter than a tile's header
    ScriptCall bad = new ScriptCall(good.script(), good.keys(), args);

    Object reply = run(bad.eval());

    assertThat(reply).isInstanceOf(RespClient.Error.class);
    assertThat(((RespClient.Error) reply).message()).contains("tile too short: 3 bytes");
    assertThat(storedTiles("clicks")).isEmpty();
  }

  @Test
  void lifetimeWindowsKeepEveryTile() {
    TilePut tiles = new TilePut("demo", "clicks", 1, null, Duration.ofMinutes(5), null);
    write(tiles.call(user, List.of(tile(0, 1, "first"))));
    write(tiles.call(user, List.of(tile(10_000 * MINUTE, 1, "later"))));

    assertThat(storedTiles("clicks")).hasSize(2);
  }

  @Test
  void readPlanReadsEveryViewAndEntityInOnePipelineAndDecodesOldSchemas() {
    byte[] other = EntityKeyCodec.encode(List.of(INT64), List.of(7L));
    TilePut tiles =
        new TilePut("demo", "clicks", 1, Duration.ofHours(1), Duration.ofMinutes(5), null);
    List<RedisCommand> writes =
        List.of(
            put.call(user, 10, 10, List.of("fr", 3)).eval(),
            tiles.call(user, List.of(tile(0, 1, "t0"), tile(5 * MINUTE, 2, "t1"))).eval());
    assertThat(redis.pipeline(writes)).containsExactly(1L, 2L);

    ReadPlan plan =
        ReadPlan.of(
            List.of(
                ViewRead.select("demo", "profile", 1, V2, List.of(user, other)),
                ViewRead.tiles("demo", "clicks", 1, List.of(user, other))));
    ReadResult result =
        plan.decode(replies(redis.pipeline(plan.commands())), SchemaLookup.of(V1, V2));

    assertThat(result.select(0, 0))
        .isEqualTo(new SelectRecord(1, 10, 10, Arrays.asList("fr", 3L, null)));
    assertThat(result.select(0, 1)).isNull();
    assertThat(result.tiles(1, 0))
        .extracting(t -> new String(t.payload(), StandardCharsets.UTF_8))
        .containsExactly("t0", "t1");
    assertThat(result.tiles(1, 1)).isEmpty();
  }

  private static Object run(RedisCommand command) {
    return redis.pipeline(List.of(command)).get(0);
  }

  private static Object write(ScriptCall call) {
    Object reply = run(call.evalsha());
    if (reply instanceof RespClient.Error e && e.message().startsWith("NOSCRIPT")) {
      reply = run(call.eval());
    }
    assertThat(reply).isNotInstanceOf(RespClient.Error.class);
    return reply;
  }

  private SelectRecord stored() {
    return SelectRecordCodec.decode((byte[]) redis.call("GET", key), SchemaLookup.of(V1), V1);
  }

  private Map<Long, String> storedTiles(String view) {
    @SuppressWarnings("unchecked")
    List<Object> flat = (List<Object>) redis.call("HGETALL", OnlineKeys.key("demo", view, 1, user));
    Map<Long, String> out = new TreeMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      Tile t = TileCodec.decode((byte[]) flat.get(i), (byte[]) flat.get(i + 1));
      out.put(t.startMicros(), new String(t.payload(), StandardCharsets.UTF_8));
    }
    return out;
  }

  private static Tile tile(long start, long created, String payload) {
    return new Tile(start, 1, created, payload.getBytes(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static List<List<byte[]>> replies(List<Object> raw) {
    List<List<byte[]>> out = new ArrayList<>();
    for (Object r : raw) {
      out.add(((List<Object>) r).stream().map(o -> (byte[]) o).toList());
    }
    return out;
  }
}
