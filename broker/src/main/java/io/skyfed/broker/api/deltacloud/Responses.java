package io.skyfed.broker.api.deltacloud;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.function.BiConsumer;

/** Turns views into responses: exact content types, entity tags and conditional GETs. */
final class Responses {

    private Responses() {
    }

    static Rendered render(Format format, int expectedSize, View view) {
        DocWriter writer = format.writer(expectedSize);
        view.write(writer);
        return Rendered.of(format, writer.finish());
    }

    /** A collection document: {@code <collection><item/>...</collection>}, {@code {"collection":[...]}} in JSON. */
    static <T> View list(String collection, String item, List<T> members, BiConsumer<DocWriter, T> member) {
        return w -> {
            w.startList(collection, item);
            for (T m : members) {
                member.accept(w, m);
            }
            w.end();
        };
    }

    /** 200 with the representation, or 304 when the client already has it. */
    static Response ok(DeltacloudContext ctx, Rendered rendered) {
        if (rendered.matches(ctx.header(HttpHeaders.IF_NONE_MATCH))) {
            return Response.notModified().header(HttpHeaders.ETAG, rendered.etag()).build();
        }
        return with(Response.ok(), rendered).build();
    }

    static Response ok(DeltacloudContext ctx, View view) {
        return ok(ctx, render(ctx.format(), 2048, view));
    }

    static Response created(DeltacloudContext ctx, String location, View view) {
        return with(Response.status(201), render(ctx.format(), 2048, view)).header(HttpHeaders.LOCATION, location).build();
    }

    static Response status(DeltacloudContext ctx, int status, View view) {
        return with(Response.status(status), render(ctx.format(), 2048, view)).build();
    }

    static Response noContent() {
        return Response.noContent().build();
    }

    private static Response.ResponseBuilder with(Response.ResponseBuilder builder, Rendered rendered) {
        return builder.entity(rendered.body())
                .header(HttpHeaders.CONTENT_TYPE, rendered.format().mediaType)
                .header(HttpHeaders.ETAG, rendered.etag());
    }

}
