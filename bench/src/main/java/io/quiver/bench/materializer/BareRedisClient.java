package io.quiver.bench.materializer;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The baseline: a minimal RESP2 client on one socket. {@link #pipeline} writes every command from a
 * second thread while this one reads the replies, so nothing but TCP buffers bounds the pipeline:
 * as fast as one connection to Redis gets.
 */
final class BareRedisClient implements AutoCloseable {
  /** An error reply. */
  record ErrorReply(String message) {}

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  private BareRedisClient(Socket socket) throws IOException {
    this.socket = socket;
    socket.setTcpNoDelay(true);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
    this.in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
  }

  static BareRedisClient connect(String redisUrl) {
    URI uri = URI.create(redisUrl);
    try {
      return new BareRedisClient(new Socket(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + redisUrl, e);
    }
  }

  /** Sends every command (each a list of arguments, name first); returns the replies in order. */
  List<Object> pipeline(List<List<byte[]>> commands) {
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> writeAll(commands));
    List<Object> replies = new ArrayList<>(commands.size());
    try {
      for (int i = 0; i < commands.size(); i++) {
        replies.add(read());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    writer.join();
    return replies;
  }

  private void writeAll(List<List<byte[]>> commands) {
    try {
      for (List<byte[]> args : commands) {
        header('*', args.size());
        for (byte[] a : args) {
          header('$', a.length);
          out.write(a);
          out.write('\r');
          out.write('\n');
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void header(char type, int n) throws IOException {
    out.write(type);
    out.write(Integer.toString(n).getBytes(StandardCharsets.US_ASCII));
    out.write('\r');
    out.write('\n');
  }

  private Object read() throws IOException {
    int type = in.read();
    String line = line();
    switch (type) {
      case '+':
        return line;
      case '-':
        return new ErrorReply(line);
      case ':':
        return Long.parseLong(line);
      case '$':
        return bulk(Integer.parseInt(line));
      case '*':
        int n = Integer.parseInt(line);
        List<Object> items = new ArrayList<>(Math.max(n, 0));
        for (int i = 0; i < n; i++) {
          items.add(read());
        }
        return n < 0 ? null : items;
      default:
        throw new IOException("unexpected RESP type byte " + type);
    }
  }

  private byte[] bulk(int length) throws IOException {
    if (length < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(length);
    in.readNBytes(2);
    return bytes;
  }

  private String line() throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); c != '\r'; c = in.read()) {
      if (c < 0) {
        throw new IOException("connection closed by Redis");
      }
      s.append((char) c);
    }
    in.read();
    return s.toString();
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
