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

    /** 200 with the representation (gzipped if the client accepts it and it is large), or 304 if the client has it. */
    static Response ok(DeltacloudContext ctx, Rendered rendered) {
        boolean gzip = rendered.gzipped() != null && acceptsGzip(ctx.header(HttpHeaders.ACCEPT_ENCODING));
        String etag = gzip ? rendered.gzipEtag() : rendered.etag();
        if (Rendered.matches(ctx.header(HttpHeaders.IF_NONE_MATCH), etag)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING).build();
        }
        if (!gzip) {
            Response.ResponseBuilder ok = with(Response.ok(), rendered);
            return (rendered.gzipped() == null ? ok : ok.header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)).build();
        }
        return Response.ok(rendered.gzipped())
                .header(HttpHeaders.CONTENT_TYPE, rendered.format().mediaType)
                .header(HttpHeaders.CONTENT_ENCODING, "gzip")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(HttpHeaders.ETAG, etag)
                .build();
    }

    /** Whether Accept-Encoding allows gzip (named, not refused with q=0). */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return !(parts.length > 1 && parts[1].replace(" ", "").matches("q=0(\\.0*)?"));
            }
        }
        return false;
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
