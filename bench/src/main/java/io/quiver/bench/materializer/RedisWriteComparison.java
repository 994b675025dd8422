package io.quiver.bench.materializer;

import io.quiver.core.online.OnlineScript;
import io.quiver.core.online.ScriptCall;
import io.quiver.materializer.sink.RedisOnlineStoreWriter;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Quiver's Redis write stage ({@link RedisOnlineStoreWriter}, the materializer's own class, on a
 * Vert.x Redis client configured like the service's) against {@link BareRedisClient} sending the
 * same EVALSHA commands to the same Redis, interleaved (the order flips every repetition), after
 * untimed warm-up rounds of each (the bench JVM's JIT). Both start from the same {@code
 * List<ScriptCall>}, as the materializer holds it after its transform. The writes are idempotent
 * (equal created times overwrite), so every repetition does the same work in Redis.
 */
final class RedisWriteComparison {
  /** Commands per second of each repetition. */
  record Result(List<Double> quiver, List<Double> bare) {
    double quiverMedian() {
      return Stats.median(quiver);
    }

    double bareMedian() {
      return Stats.median(bare);
    }

    List<Double> ratios() {
      List<Double> r = new ArrayList<>();
      for (int i = 0; i < quiver.size(); i++) {
        r.add(quiver.get(i) / bare.get(i));
      }
      return r;
    }
  }

  private RedisWriteComparison() {}

  static Result run(List<ScriptCall> calls, String redisUrl, int pipeline, int reps, int warmup) {
    Vertx vertx = Vertx.vertx();
    Redis redis =
        Redis.createClient(
            vertx,
            new RedisOptions()
                .setConnectionString(redisUrl)
                .setMaxPoolSize(6)
                .setMaxPoolWaiting(256));
    try (BareRedisClient bare = BareRedisClient.connect(redisUrl)) {
      RedisOnlineStoreWriter writer = new RedisOnlineStoreWriter(redis);
      bare.pipeline(List.of(scriptLoad()));
      for (int i = 0; i < warmup; i++) {
        quiver(writer, calls, pipeline);
        bare(bare, calls);
      }
      List<Double> q = new ArrayList<>();
      List<Double> b = new ArrayList<>();
      for (int i = 0; i < reps; i++) {
        if (i % 2 == 0) {
          q.add(quiver(writer, calls, pipeline));
          b.add(bare(bare, calls));
        } else {
          b.add(bare(bare, calls));
          q.add(quiver(writer, calls, pipeline));
        }
        System.out.printf(
            "  redis rep %d: quiver %,.0f/s  bare %,.0f/s%n", i + 1, q.get(i), b.get(i));
      }
      return new Result(q, b);
    } finally {
      redis.close();
      vertx.close();
    }
  }

  private static double quiver(
      RedisOnlineStoreWriter writer, List<ScriptCall> calls, int pipeline) {
    long t0 = System.nanoTime();
    writer.write(calls, pipeline);
    return calls.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static double bare(BareRedisClient bare, List<ScriptCall> calls) {
    long t0 = System.nanoTime();
    List<List<byte[]>> commands = new ArrayList<>(calls.size());
    for (ScriptCall c : calls) {
      commands.add(c.evalsha().args());
    }
    for (Object reply : bare.pipeline(commands)) {
      if (reply instanceof BareRedisClient.ErrorReply e) {
        throw new IllegalStateException("bare client: " + e.message());
      }
    }
    return calls.size() / ((System.nanoTime() - t0) / 1e9);
  }

  private static List<byte[]> scriptLoad() {
    return List.of(
        MaterializerCommands.ascii("SCRIPT"),
        MaterializerCommands.ascii("LOAD"),
        MaterializerCommands.ascii(OnlineScript.TILES_PUT.source()));
  }
}
