package io.quiver.serving.redis;

import io.quiver.core.online.OnlineStoreReader;
import io.quiver.core.online.OnlineStoreUnavailableException;
import io.quiver.core.online.ReadPlan;
import io.quiver.core.online.ReadResult;
import io.quiver.core.online.RedisCommand;
import io.quiver.core.online.ViewRead;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads a request's {@link ReadPlan} with the Vert.x Redis client: all its commands as one
 * pipelined batch (one round trip) on a connection shared with concurrent requests, never blocking.
 * A failed or late batch is {@link OnlineStoreUnavailableException}; connections are reopened by
 * the next request.
 */
public final class RedisOnlineStoreReader implements OnlineStoreReader {
  private final SharedRedisConnections connections;

  /**
   * @param redis the client for reads from threads that are not event loops
   * @param redisUrl where each event loop's own client connects
   * @param connections how many long-lived connections the requests of one event loop share
   *     (pipelined)
   * @param timeout a batch not answered by then fails the request, and its connection is reopened
   */
  public RedisOnlineStoreReader(
      Vertx vertx, Redis redis, String redisUrl, int connections, Duration timeout) {
    RedisOptions perLoop =
        new RedisOptions()
            .setConnectionString(redisUrl)
            .setMaxPoolWaiting(8192)
            .setMaxWaitingHandlers(8192);
    this.connections =
        new SharedRedisConnections(vertx, redis, perLoop, connections, timeout.toMillis());
  }

  @Override
  public CompletionStage<ReadResult> read(List<ViewRead> views) {
    ReadPlan plan = ReadPlan.of(views);
    List<RedisCommand> commands = plan.commands();
    if (commands.isEmpty()) {
      return CompletableFuture.completedFuture(plan.decode(List.of()));
    }
    List<Request> batch = new ArrayList<>(commands.size());
    for (RedisCommand c : commands) {
      batch.add(request(c));
    }
    return connections
        .batch(batch)
        .handle(
            (replies, error) -> {
              if (error != null) {
                throw new OnlineStoreUnavailableException(
                    "Redis unavailable: " + message(error), error);
              }
              return plan.decode(flatten(replies));
            });
  }

  private static Request request(RedisCommand c) {
    List<byte[]> args = c.args();
    Request r = Request.cmd(command(c.name()));
    for (int i = 1; i < args.size(); i++) {
      r.arg(args.get(i));
    }
    return r;
  }

  private static Command command(String name) {
    return switch (name) {
      case "MGET" -> Command.MGET;
      case "HGETALL" -> Command.HGETALL;
      default -> Command.create(name);
    };
  }

  /** MGET: the values, null where missing; HGETALL: field, value, ... (RESP3 maps flattened). */
  private static List<List<byte[]>> flatten(List<Response> replies) {
    List<List<byte[]>> out = new ArrayList<>(replies.size());
    for (Response reply : replies) {
      List<byte[]> values = new ArrayList<>(reply == null ? 0 : reply.size() * 2);
      if (reply != null && reply.isMap()) {
        for (String field : reply.getKeys()) {
          values.add(field.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
          values.add(bytes(reply.get(field)));
        }
      } else if (reply != null) {
        for (Response r : reply) {
          values.add(bytes(r));
        }
      }
      out.add(values);
    }
    return out;
  }

  private static byte[] bytes(Response r) {
    return r == null ? null : r.toBytes();
  }

  private static String message(Throwable e) {
    Throwable cause = e.getCause() != null && e.getMessage() == null ? e.getCause() : e;
    return cause instanceof java.util.concurrent.TimeoutException
        ? "no answer within the read timeout"
        : String.valueOf(cause.getMessage());
  }
}
