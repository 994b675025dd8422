package io.quiver.materializer.pipeline;

import io.quiver.core.model.Field;
import io.quiver.core.online.ScriptCall;
import io.quiver.core.online.SelectPut;
import io.quiver.core.value.EpochMicros;
import io.quiver.core.value.Values;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A select view: every source row becomes a feature row offline (join keys, event and created time,
 * the selected columns read as the features' types); online, each entity's newest row by
 * (event_time, created_timestamp), which {@code select_put.lua} keeps only if it is newer still.
 */
public final class SelectTransform {
  private SelectTransform() {}

  public static FeatureBatch apply(ViewContext ctx, List<Object[]> rows) {
    List<Field> features = ctx.version().features();
    int[] from = new int[features.size()];
    for (int i = 0; i < from.length; i++) {
      String column = ctx.view().select().get(features.get(i).name());
      from[i] = ctx.layout().indexOf(column);
      if (from[i] < 0) {
        throw new IllegalArgumentException(
            "feature "
                + features.get(i).name()
                + " selects column '"
                + column
                + "', which source '"
                + ctx.source().name()
                + "' does not declare");
      }
    }
    int keys = ctx.joinKeys().size();
    int ev = ctx.layout().eventTimeIndex();
    int cr = ctx.layout().createdTimeIndex();
    List<Object[]> offline = new ArrayList<>(rows.size());
    Map<ByteBuffer, Object[]> newest = new HashMap<>();
    Instant newestEvent = null;
    for (Object[] row : rows) {
      Object[] out = new Object[keys + 2 + from.length];
      for (int k = 0; k < keys; k++) {
        Object v = row[ctx.keyIndexes()[k]];
        out[k] = v instanceof Integer n ? Long.valueOf(n) : v;
      }
      out[keys] = row[ev];
      out[keys + 1] = row[cr];
      for (int i = 0; i < from.length; i++) {
        Object v = row[from[i]];
        out[keys + 2 + i] = v == null ? null : Values.coerce(features.get(i).type(), v);
      }
      offline.add(out);
      newest.merge(ByteBuffer.wrap(ctx.entityKey(row)), out, (a, b) -> newer(a, b, keys) ? a : b);
      Instant e = (Instant) row[ev];
      newestEvent = newestEvent == null || e.isAfter(newestEvent) ? e : newestEvent;
    }
    return new FeatureBatch(offline, online(ctx, newest, keys), newestEvent);
  }

  private static boolean newer(Object[] a, Object[] b, int keys) {
    int c = ((Instant) a[keys]).compareTo((Instant) b[keys]);
    return c != 0 ? c > 0 : ((Instant) a[keys + 1]).compareTo((Instant) b[keys + 1]) >= 0;
  }

  private static List<ScriptCall> online(
      ViewContext ctx, Map<ByteBuffer, Object[]> newest, int keys) {
    if (!ctx.view().isOnline()) {
      return List.of();
    }
    SelectPut put =
        new SelectPut(
            ctx.project(),
            ctx.viewName(),
            ctx.versionNumber(),
            ctx.onlineSchema(),
            ctx.view().maxAgeOrNull());
    List<ScriptCall> calls = new ArrayList<>(newest.size());
    newest.forEach(
        (entity, row) ->
            calls.add(
                put.call(
                    entity.array(),
                    EpochMicros.of((Instant) row[keys]),
                    EpochMicros.of((Instant) row[keys + 1]),
                    Arrays.asList(Arrays.copyOfRange(row, keys + 2, row.length)))));
    return calls;
  }
}
