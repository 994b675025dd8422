package io.quiver.serving.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few long-lived Redis connections shared by every request, round robin: the batches of
 * concurrent requests pipeline on one socket instead of each waiting to check a connection out of a
 * pool (Redis executes commands one at a time anyway). A connection that fails, closes or does not
 * answer in time is dropped (and closed); the next request opens a new one, so serving resumes by
 * itself when Redis is back.
 */
final class SharedRedisConnections {
  private final Redis client;
  private final long timeoutMillis;
  private final AtomicReferenceArray<Future<RedisConnection>> slots;
  private final AtomicInteger next = new AtomicInteger();

  SharedRedisConnections(Redis client, int connections, long timeoutMillis) {
    this.client = client;
    this.timeoutMillis = timeoutMillis;
    this.slots = new AtomicReferenceArray<>(connections);
  }

  CompletableFuture<List<Response>> batch(List<Request> requests) {
    int slot = Math.floorMod(next.getAndIncrement(), slots.length());
    Future<RedisConnection> connection = connection(slot);
    return connection
        .compose(c -> c.batch(requests))
        .toCompletionStage()
        .toCompletableFuture()
        .orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
        .whenComplete(
            (replies, error) -> {
              if (error != null) {
                drop(slot, connection);
              }
            });
  }

  private Future<RedisConnection> connection(int slot) {
    Future<RedisConnection> current = slots.get(slot);
    if (current != null && !current.failed()) {
      return current;
    }
    Future<RedisConnection> opened = client.connect();
    if (!slots.compareAndSet(slot, current, opened)) {
      opened.onSuccess(RedisConnection::close);
      return connection(slot); // another request opened one first
    }
    opened.onSuccess(
        c -> {
          c.exceptionHandler(e -> drop(slot, opened));
          c.endHandler(v -> drop(slot, opened));
        });
    return opened;
  }

  private void drop(int slot, Future<RedisConnection> connection) {
    if (slots.compareAndSet(slot, connection, null)) {
      connection.onSuccess(RedisConnection::close);
    }
  }
}
