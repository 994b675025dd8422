package io.quiver.materializer.run;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.agroal.api.AgroalDataSource;
import io.quiver.core.model.Schedule;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Schedule slots claimed across replicas: a view's slot runs in the one process whose conditional
 * upsert moved {@code last_slot} forward. Only the newest due slot is ever claimed, so a process
 * that was down for ten slots runs once, not ten times.
 */
@ApplicationScoped
public class ScheduleSlots {
  private static final CronParser QUARTZ =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
  private final AgroalDataSource db;

  public ScheduleSlots(AgroalDataSource db) {
    this.db = db;
  }

  /** The newest slot at or before {@code now}: intervals aligned to the UTC epoch, or cron. */
  public static Instant latestSlot(Schedule schedule, Instant now) {
    if (schedule.interval() != null) {
      long every = schedule.interval().toMillis();
      return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), every) * every);
    }
    return ExecutionTime.forCron(QUARTZ.parse(schedule.cron()))
        .lastExecution(now.atZone(ZoneOffset.UTC).plusNanos(1))
        .map(z -> z.toInstant())
        .orElse(Instant.EPOCH);
  }

  /** True when this call claimed {@code slot} (it was newer than the last claimed one). */
  public boolean claim(String project, String view, Instant slot) {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            RunStore.prepare(
                c,
                "INSERT INTO materializer.schedule_slots (project, view, last_slot) VALUES (?, ?, ?)"
                    + " ON CONFLICT (project, view) DO UPDATE SET last_slot = excluded.last_slot"
                    + " WHERE schedule_slots.last_slot < excluded.last_slot",
                project,
                view,
                RunStore.ts(slot))) {
      return s.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new IllegalStateException("claiming a schedule slot failed: " + e.getMessage(), e);
    }
  }
}
