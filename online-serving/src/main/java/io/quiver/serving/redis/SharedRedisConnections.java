package io.quiver.serving.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few long-lived Redis connections shared by every request, round robin: the batches of
 * concurrent requests pipeline on one socket instead of each waiting to check a connection out of a
 * pool (Redis executes commands one at a time anyway). A connection that fails, closes or does not
 * answer in time is dropped (and closed); the next request opens a new one, so serving resumes by
 * itself when Redis is back.
 *
 * <p>Timeouts cost nothing per request: each connection keeps its batches in flight in send order
 * (Redis answers a connection in order, so the oldest is always at the head), and one periodic
 * Vert.x timer fails the connection's batches when its oldest one is older than the timeout. No
 * timer task is scheduled, cancelled or left behind per request.
 */
final class SharedRedisConnections {
  private final Redis client;
  private final long timeoutNanos;
  private final AtomicReferenceArray<Slot> slots;
  private final AtomicInteger next = new AtomicInteger();

  /** One connection (opening or open) and its batches in flight, oldest first. */
  private static final class Slot {
    final Future<RedisConnection> connection;
    final Queue<InFlight> inFlight = new ConcurrentLinkedQueue<>();

    Slot(Future<RedisConnection> connection) {
      this.connection = connection;
    }

    /** Forgets the answered batches at the head. */
    void trim() {
      InFlight head;
      while ((head = inFlight.peek()) != null && head.answer.isDone()) {
        inFlight.remove(head); // not poll(): a concurrent trim may have taken this head already
      }
    }
  }

  private record InFlight(long sentNanos, CompletableFuture<List<Response>> answer) {}

  SharedRedisConnections(Vertx vertx, Redis client, int connections, long timeoutMillis) {
    this.client = client;
    this.timeoutNanos = timeoutMillis * 1_000_000;
    this.slots = new AtomicReferenceArray<>(connections);
    long period = Math.max(10, timeoutMillis / 5);
    vertx.setPeriodic(period, id -> expire(System.nanoTime()));
  }

  CompletableFuture<List<Response>> batch(List<Request> requests) {
    int index = Math.floorMod(next.getAndIncrement(), slots.length());
    Slot slot = slot(index);
    CompletableFuture<List<Response>> answer = new CompletableFuture<>();
    slot.inFlight.add(new InFlight(System.nanoTime(), answer));
    Future<RedisConnection> connection = slot.connection;
    if (connection.succeeded()) {
      send(index, slot, connection.result(), requests, answer);
    } else {
      connection.onComplete(
          c -> {
            if (c.succeeded()) {
              send(index, slot, c.result(), requests, answer);
            } else {
              fail(index, slot, answer, c.cause());
            }
          });
    }
    return answer;
  }

  private void send(
      int index,
      Slot slot,
      RedisConnection connection,
      List<Request> requests,
      CompletableFuture<List<Response>> answer) {
    connection
        .batch(requests)
        .onComplete(
            replies -> {
              if (replies.succeeded()) {
                answer.complete(replies.result());
                slot.trim();
              } else {
                fail(index, slot, answer, replies.cause());
              }
            });
  }

  private void fail(
      int index, Slot slot, CompletableFuture<List<Response>> answer, Throwable error) {
    answer.completeExceptionally(error);
    drop(index, slot, error);
  }

  private Slot slot(int index) {
    Slot current = slots.get(index);
    if (current != null && !current.connection.failed()) {
      return current;
    }
    Slot opened = new Slot(client.connect());
    if (!slots.compareAndSet(index, current, opened)) {
      opened.connection.onSuccess(RedisConnection::close);
      return slot(index); // another request opened one first
    }
    opened.connection.onSuccess(
        c -> {
          c.exceptionHandler(e -> drop(index, opened, e));
          c.endHandler(v -> drop(index, opened, new IllegalStateException("connection closed")));
        });
    return opened;
  }

  /** Fails every connection whose oldest unanswered batch is older than the timeout. */
  private void expire(long now) {
    for (int i = 0; i < slots.length(); i++) {
      Slot slot = slots.get(i);
      if (slot == null) {
        continue;
      }
      slot.trim();
      InFlight oldest = slot.inFlight.peek();
      if (oldest != null && now - oldest.sentNanos() > timeoutNanos) {
        drop(i, slot, new TimeoutException("no answer from Redis in time"));
      }
    }
  }

  /**
   * Closes a slot's connection and fails what it had in flight with {@code reason}; the next
   * request opens a new one.
   */
  private void drop(int index, Slot slot, Throwable reason) {
    if (slots.compareAndSet(index, slot, null)) {
      slot.connection.onSuccess(RedisConnection::close);
    }
    for (InFlight f; (f = slot.inFlight.poll()) != null; ) {
      f.answer().completeExceptionally(reason);
    }
  }
}
