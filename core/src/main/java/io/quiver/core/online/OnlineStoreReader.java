package io.quiver.core.online;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The serving port of the online store: every view version × entity row of one request, read in one
 * round trip. A value that cannot be decoded is reported on that value ({@link
 * ReadResult#unreadable}); the stage fails only when the store cannot be read at all.
 */
public interface OnlineStoreReader {
  CompletionStage<ReadResult> read(List<ViewRead> views);
}
