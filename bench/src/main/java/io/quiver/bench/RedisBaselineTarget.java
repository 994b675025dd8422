package io.quiver.bench;

import io.quiver.core.online.RedisCommand;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The bare client: the same commands serving sends, as one pipelined batch, on long-lived
 * connections shared round robin as serving shares its own; replies not decoded.
 */
final class RedisBaselineTarget implements Target {
  private final List<RedisConnection> connections;
  private final List<List<RedisCommand>> batches;

  RedisBaselineTarget(List<RedisConnection> connections, List<List<RedisCommand>> batches) {
    this.connections = connections;
    this.batches = batches;
  }

  @Override
  public String name() {
    return "baseline";
  }

  @Override
  public CompletionStage<?> call(int i) {
    List<RedisCommand> commands = batches.get(i % batches.size());
    List<Request> batch = new ArrayList<>(commands.size());
    for (RedisCommand c : commands) {
      Request r = Request.cmd(Command.create(c.name()));
      for (int a = 1; a < c.args().size(); a++) {
        r.arg(c.args().get(a));
      }
      batch.add(r);
    }
    return connections.get(i % connections.size()).batch(batch).toCompletionStage();
  }
}
