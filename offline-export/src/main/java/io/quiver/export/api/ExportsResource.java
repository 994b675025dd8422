package io.quiver.export.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quiver.export.job.ExportJob;
import io.quiver.export.job.ExportService;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.Map;

/** Export jobs over REST: JSON records in and out, the work in {@link ExportService}. */
@Path("/api/v1/projects/{project}/exports")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Blocking
public class ExportsResource {
  private final ExportService exports;
  private final ObjectMapper json;

  public ExportsResource(ExportService exports, ObjectMapper json) {
    this.exports = exports;
    this.json = json;
  }

  @POST
  public Response submit(@PathParam("project") String project, ExportRequest request) {
    if (request == null) {
      throw new io.quiver.export.engine.BadExportInputException("body", "is required");
    }
    String id = exports.submit(project, request);
    return Response.accepted(Map.of("id", id)).build();
  }

  @GET
  @Path("/{id}")
  public ExportView get(@PathParam("project") String project, @PathParam("id") String id)
      throws IOException {
    ExportJob j =
        exports
            .find(project, id)
            .orElseThrow(
                () -> new NotFoundException("project " + project + " has no export " + id));
    return new ExportView(
        j.id(),
        j.project(),
        j.status().name(),
        j.progress(),
        j.outputUri(),
        j.manifest() == null ? null : json.readTree(j.manifest()),
        j.error(),
        j.createdAt(),
        j.updatedAt());
  }
}
