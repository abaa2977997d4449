package io.skyfed.broker.api.v1;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The audit log, for admins and auditors: every mutating call and every automated decision. */
@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    private final Pool pool;

    AuditResource(Pool pool) {
        this.pool = pool;
    }

    @GET
    @Operation(summary = "Audit events, oldest first; filters: tenant, actor, action, since, until (ISO-8601)")
    public Uni<Page<AuditEventView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                          @QueryParam("tenant") String tenant, @QueryParam("actor") String actor,
                                          @QueryParam("action") String action, @QueryParam("since") String since,
                                          @QueryParam("until") String until) {
        PageRequest page = PageRequest.parse(limit, cursor);
        long after = page.afterKey() == null ? 0 : afterId(page.afterKey());
        Tuple args = Tuple.tuple().addLong(after).addString(tenant).addString(actor).addString(action)
                .addOffsetDateTime(instant("since", since)).addOffsetDateTime(instant("until", until))
                .addInteger(page.limit() + 1);
        return pool.preparedQuery("select e.id, e.occurred_at, e.actor, t.name as tenant, e.action, e.target_type,"
                        + " e.target_id, e.outcome, e.explanation, e.details, e.request_id"
                        + " from audit_event e left join tenant t on t.id = e.tenant_id"
                        + " where e.id > $1 and ($2::text is null or t.name = $2)"
                        + " and ($3::text is null or e.actor = $3) and ($4::text is null or e.action = $4)"
                        + " and ($5::timestamptz is null or e.occurred_at >= $5)"
                        + " and ($6::timestamptz is null or e.occurred_at < $6)"
                        + " order by e.id limit $7")
                .execute(args)
                .map(rows -> {
                    List<AuditEventView> items = new ArrayList<>();
                    rows.forEach(row -> items.add(view(row)));
                    if (items.size() <= page.limit()) {
                        return new Page<>(items, null);
                    }
                    List<AuditEventView> shown = List.copyOf(items.subList(0, page.limit()));
                    return new Page<>(shown, PageRequest.encode(key(shown.get(shown.size() - 1).id())));
                });
    }

    private static AuditEventView view(Row row) {
        return new AuditEventView(row.getLong("id"), row.getOffsetDateTime("occurred_at").toInstant(),
                row.getString("actor"), row.getString("tenant"), row.getString("action"), row.getString("target_type"),
                row.getString("target_id"), row.getString("outcome"), row.getString("explanation"),
                row.getJsonObject("details").getMap(), row.getString("request_id"));
    }

    /** Fixed-width ids sort as text like numbers, as the cursor's key must. */
    private static String key(long id) {
        return String.format("%019d", id);
    }

    private static long afterId(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this API returned");
        }
    }

    private static OffsetDateTime instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value).atOffset(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(name, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
        }
    }
}
