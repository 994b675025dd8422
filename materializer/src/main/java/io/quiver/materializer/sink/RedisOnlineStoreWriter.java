package io.quiver.materializer.sink;

import io.quiver.core.online.OnlineScript;
import io.quiver.core.online.RedisCommand;
import io.quiver.core.online.ScriptCall;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes the online store's script calls as pipelined EVALSHA batches ({@code Redis.batch}: one
 * write and one read per batch of {@code pipeline} commands), a few batches in flight. The scripts
 * are loaded first; on NOSCRIPT (a flush mid-run) they are loaded again and the batch re-sent,
 * which is safe because every online write is idempotent.
 */
@ApplicationScoped
public class RedisOnlineStoreWriter {
  private static final int IN_FLIGHT = 4;
  private final Redis redis;

  public RedisOnlineStoreWriter(Redis redis) {
    this.redis = redis;
  }

  /** Sends every call; returns how many were sent. */
  public long write(List<ScriptCall> calls, int pipeline) {
    if (calls.isEmpty()) {
      return 0;
    }
    loadScripts();
    Deque<Future<List<Response>>> inFlight = new ArrayDeque<>();
    Deque<List<Request>> sent = new ArrayDeque<>();
    for (int from = 0; from < calls.size(); from += pipeline) {
      List<Request> batch = new ArrayList<>(Math.min(pipeline, calls.size() - from));
      for (ScriptCall c : calls.subList(from, Math.min(calls.size(), from + pipeline))) {
        batch.add(request(c.evalsha()));
      }
      inFlight.add(redis.batch(batch));
      sent.add(batch);
      if (inFlight.size() >= IN_FLIGHT) {
        awaitOrRetry(inFlight.poll(), sent.poll());
      }
    }
    while (!inFlight.isEmpty()) {
      awaitOrRetry(inFlight.poll(), sent.poll());
    }
    return calls.size();
  }

  private void awaitOrRetry(Future<List<Response>> pending, List<Request> batch) {
    try {
      await(pending);
    } catch (IllegalStateException e) {
      if (e.getMessage() == null || !e.getMessage().contains("NOSCRIPT")) {
        throw e;
      }
      loadScripts();
      await(redis.batch(batch));
    }
  }

  private void loadScripts() {
    List<Request> loads = new ArrayList<>();
    for (OnlineScript s : OnlineScript.values()) {
      loads.add(Request.cmd(Command.SCRIPT).arg("LOAD").arg(s.source()));
    }
    await(redis.batch(loads));
  }

  private static Request request(RedisCommand command) {
    List<byte[]> args = command.args();
    Request r = Request.cmd(Command.create(command.name()));
    for (int i = 1; i < args.size(); i++) {
      r.arg(args.get(i));
    }
    return r;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(
          "Redis write failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("Redis write timed out after 60 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to Redis", e);
    }
  }
}
