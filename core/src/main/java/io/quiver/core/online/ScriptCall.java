package io.quiver.core.online;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One invocation of an online-store script: its keys and arguments. */
public record ScriptCall(OnlineScript script, List<byte[]> keys, List<byte[]> args) {
  public ScriptCall {
    keys = Collections.unmodifiableList(new ArrayList<>(keys));
    args = Collections.unmodifiableList(new ArrayList<>(args));
  }

  /** {@code EVALSHA sha numkeys keys... args...}: what a writer sends first. */
  public RedisCommand evalsha() {
    return withBody("EVALSHA", script.sha1());
  }

  /** {@code EVAL source numkeys keys... args...}: the retry after a NOSCRIPT error. */
  public RedisCommand eval() {
    return withBody("EVAL", script.source());
  }

  private RedisCommand withBody(String command, String body) {
    List<byte[]> rest = new ArrayList<>(2 + keys.size() + args.size());
    rest.add(body.getBytes(StandardCharsets.UTF_8));
    rest.add(RedisCommand.ascii(Integer.toString(keys.size())));
    rest.addAll(keys);
    rest.addAll(args);
    return RedisCommand.of(command, rest);
  }
}
