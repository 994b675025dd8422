/**
 * The Redis online-store layout, shared by the materializer (writes) and online serving (reads):
 * key naming ({@link io.quiver.core.online.OnlineKeys}), entity-key bytes ({@link
 * io.quiver.core.online.EntityKeyCodec}), stored record bytes ({@link
 * io.quiver.core.online.SelectRecordCodec}, {@link io.quiver.core.online.TileCodec}), the write
 * scripts ({@link io.quiver.core.online.SelectPut}, {@link io.quiver.core.online.TilePut}) and the
 * read plan ({@link io.quiver.core.online.ReadPlan}).
 *
 * <p>No Redis client here: commands are lists of byte strings that an adapter sends as they are.
 * See docs/ARCHITECTURE.md, "Online store layout (Redis)".
 */
package io.quiver.core.online;
