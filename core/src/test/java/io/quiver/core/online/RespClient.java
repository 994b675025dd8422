package io.quiver.core.online;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal RESP2 client for tests, so that core needs no Redis client: sends commands as they are
 * and returns replies as Long, byte[], String (simple strings), List, null, or {@link Error}.
 * {@link #pipeline} writes every command before reading any reply: one round trip.
 */
final class RespClient implements AutoCloseable {
  record Error(String message) {}

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  RespClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    in = new BufferedInputStream(socket.getInputStream());
    out = new BufferedOutputStream(socket.getOutputStream());
  }

  Object call(Object... args) {
    List<byte[]> bytes = new ArrayList<>();
    for (Object a : args) {
      bytes.add(a instanceof byte[] b ? b : a.toString().getBytes(StandardCharsets.UTF_8));
    }
    return pipeline(List.of(new RedisCommand(bytes))).get(0);
  }

  List<Object> pipeline(List<RedisCommand> commands) {
    try {
      for (RedisCommand c : commands) {
        write(c.args());
      }
      out.flush();
      List<Object> replies = new ArrayList<>(commands.size());
      for (int i = 0; i < commands.size(); i++) {
        replies.add(read());
      }
      return replies;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void write(List<byte[]> args) throws IOException {
    out.write(("*" + args.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (byte[] a : args) {
      out.write(("$" + a.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(a);
      out.write('\r');
      out.write('\n');
    }
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new Error(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        int n = Integer.parseInt(line);
        if (n < 0) {
          return null;
        }
        byte[] bulk = in.readNBytes(n);
        in.readNBytes(2);
        return bulk;
      case '*':
        int count = Integer.parseInt(line);
        if (count < 0) {
          return null;
        }
        List<Object> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          items.add(read());
        }
        return items;
      default:
        throw new IOException("unexpected RESP type " + type);
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\r') {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      buf.write(b);
    }
    in.read();
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
