package io.quiver.serving.redis;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A few long-lived Redis connections per Vert.x event loop, shared round robin by every request
 * running on that loop: the batches of concurrent requests pipeline on one socket instead of each
 * waiting to check a connection out of a pool (Redis executes commands one at a time anyway), and a
 * request's batch is written, answered and decoded on the thread that received the request, with no
 * hop to another event loop (a wake-up and a context switch each way). Calls from other threads (a
 * project's first load finishes on a worker) share one more group. A connection that fails, closes
 * or does not answer in time is dropped (and closed); the next request opens a new one, so serving
 * resumes by itself when Redis is back.
 *
 * <p>Timeouts cost nothing per request: each connection keeps its batches in flight in send order
 * (Redis answers a connection in order, so the oldest is always at the head), and one periodic
 * Vert.x timer fails the connection's batches when its oldest one is older than the timeout. No
 * timer task is scheduled, cancelled or left behind per request.
 */
final class SharedRedisConnections {
  private final Vertx vertx;
  private final RedisOptions loopClientOptions;
  private final long timeoutNanos;
  private final int perLoop;
  private final Map<Thread, Group> byLoop = new ConcurrentHashMap<>();
  private final Group offLoop;

  /** The connections of one event loop (or of every thread that is not one), and their client. */
  private static final class Group {
    final Redis client;
    final AtomicReferenceArray<Slot> slots;
    final AtomicInteger next = new AtomicInteger();

    Group(Redis client, int connections) {
      this.client = client;
      this.slots = new AtomicReferenceArray<>(connections);
    }
  }

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

  /**
   * @param shared the client for calls from threads that are not event loops
   * @param loopClient options of the client made for each event loop (a Vert.x Redis client opens
   *     its connections on the event loop of the context it was created on, whoever asks)
   */
  SharedRedisConnections(
      Vertx vertx, Redis shared, RedisOptions loopClient, int connections, long timeoutMillis) {
    this.vertx = vertx;
    this.loopClientOptions = new RedisOptions(loopClient).setMaxPoolSize(connections);
    this.timeoutNanos = timeoutMillis * 1_000_000;
    this.perLoop = connections;
    this.offLoop = new Group(shared, connections);
    long period = Math.max(10, timeoutMillis / 5);
    vertx.setPeriodic(period, id -> expire(System.nanoTime()));
  }

  CompletableFuture<List<Response>> batch(List<Request> requests) {
    Context context = Context.isOnEventLoopThread() ? Vertx.currentContext() : null;
    Group group =
        context == null
            ? offLoop
            : byLoop.computeIfAbsent(Thread.currentThread(), t -> loopGroup(context));
    int index = Math.floorMod(group.next.getAndIncrement(), group.slots.length());
    Slot slot = slot(group, index);
    CompletableFuture<List<Response>> answer = new CompletableFuture<>();
    slot.inFlight.add(new InFlight(System.nanoTime(), answer));
    Future<RedisConnection> connection = slot.connection;
    if (connection.succeeded()) {
      send(group, index, slot, connection.result(), requests, answer);
    } else {
      connection.onComplete(
          c -> {
            if (c.succeeded()) {
              send(group, index, slot, c.result(), requests, answer);
            } else {
              fail(group, index, slot, answer, c.cause());
            }
          });
    }
    return answer;
  }

  private void send(
      Group group,
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
                fail(group, index, slot, answer, replies.cause());
              }
            });
  }

  private void fail(
      Group group,
      int index,
      Slot slot,
      CompletableFuture<List<Response>> answer,
      Throwable error) {
    answer.completeExceptionally(error);
    drop(group, index, slot, error);
  }

  /** A group for the calling event loop, its client created on the loop's root context. */
  private Group loopGroup(Context current) {
    ContextInternal root = ((ContextInternal) current).unwrap(); // not a request's duplicate
    Redis[] client = new Redis[1];
    root.emit(v -> client[0] = Redis.createClient(vertx, loopClientOptions));
    return new Group(client[0], perLoop);
  }

  /** The slot's connection, opened when missing. */
  private Slot slot(Group group, int index) {
    Slot current = group.slots.get(index);
    if (current != null && !current.connection.failed()) {
      return current;
    }
    Slot opened = new Slot(group.client.connect());
    if (!group.slots.compareAndSet(index, current, opened)) {
      opened.connection.onSuccess(RedisConnection::close);
      return slot(group, index); // another request opened one first
    }
    opened.connection.onSuccess(
        c -> {
          c.exceptionHandler(e -> drop(group, index, opened, e));
          c.endHandler(
              v -> drop(group, index, opened, new IllegalStateException("connection closed")));
        });
    return opened;
  }

  /** Fails every connection whose oldest unanswered batch is older than the timeout. */
  private void expire(long now) {
    expire(offLoop, now);
    byLoop.values().forEach(group -> expire(group, now));
  }

  private void expire(Group group, long now) {
    for (int i = 0; i < group.slots.length(); i++) {
      Slot slot = group.slots.get(i);
      if (slot == null) {
        continue;
      }
      slot.trim();
      InFlight oldest = slot.inFlight.peek();
      if (oldest != null && now - oldest.sentNanos() > timeoutNanos) {
        drop(group, i, slot, new TimeoutException("no answer from Redis in time"));
      }
    }
  }

  /**
   * Closes a slot's connection and fails what it had in flight with {@code reason}; the next
   * request opens a new one.
   */
  private void drop(Group group, int index, Slot slot, Throwable reason) {
    if (group.slots.compareAndSet(index, slot, null)) {
      slot.connection.onSuccess(RedisConnection::close);
    }
    for (InFlight f; (f = slot.inFlight.poll()) != null; ) {
      f.answer().completeExceptionally(reason);
    }
  }
}
