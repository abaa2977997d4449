package io.skyfed.broker.api.deltacloud;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Negotiation, parameters and URLs, without a server. */
class RequestParsingTest {

    @Test
    void negotiatesXmlUnlessJsonIsPreferred() {
        assertThat(Format.negotiate(null, null)).isEqualTo(Format.XML);
        assertThat(Format.negotiate(null, "*/*")).isEqualTo(Format.XML);
        assertThat(Format.negotiate(null, "*/*; q=0.5, application/xml")).isEqualTo(Format.XML);
        assertThat(Format.negotiate(null, "application/json")).isEqualTo(Format.JSON);
        assertThat(Format.negotiate(null, "application/xml;q=0.9, application/json")).isEqualTo(Format.JSON);
        assertThat(Format.negotiate(null, "application/json;q=0.1, application/xml")).isEqualTo(Format.XML);
        assertThat(Format.negotiate(null, "application/json;q=bogus")).isEqualTo(Format.XML);
        assertThat(Format.negotiate("json", "application/xml")).isEqualTo(Format.JSON);
        assertThat(Format.negotiate("XML", "application/json")).isEqualTo(Format.XML);
        assertThatThrownBy(() -> Format.negotiate("yaml", null)).isInstanceOf(DeltacloudException.class);
    }

    @Test
    void mergesMatrixQueryAndFormLaterWinning() {
        RequestParams p = RequestParams.parse("/api/images;instance_id=inst1;name=a%20b", "name=fromQuery&x=1",
                "application/x-www-form-urlencoded; charset=UTF-8", "description=caf%C3%A9&x=2");
        assertThat(p.required("instance_id")).isEqualTo("inst1");
        assertThat(p.optional("name")).isEqualTo("fromQuery");
        assertThat(p.optional("description")).isEqualTo("café");
        assertThat(p.optionalInt("x")).isEqualTo(2);
        assertThat(p.optional("absent")).isNull();
    }

    @Test
    void readsNumberedAndPrefixedParameters() {
        RequestParams p = RequestParams.of(Map.of("firewalls1", "a", "firewalls2", "b", "firewalls4", "d",
                "hwp_memory", "8192", "hwp_cpu", "2", "hwp_", "x"));
        assertThat(p.numbered("firewalls")).containsExactly("a", "b");
        assertThat(p.withPrefix("hwp_")).containsOnly(Map.entry("memory", "8192"), Map.entry("cpu", "2"));
    }

    @Test
    void refusesMissingAndMalformedValues() {
        RequestParams p = RequestParams.of(Map.of("port", "80x", "big", "99999999999", "blank", " "));
        assertThatThrownBy(() -> p.required("blank")).isInstanceOf(DeltacloudException.class)
                .hasMessageContaining("'blank' is required");
        assertThatThrownBy(() -> p.optionalInt("port")).isInstanceOf(DeltacloudException.class);
        assertThatThrownBy(() -> p.optionalInt("big")).isInstanceOf(DeltacloudException.class);
        assertThatThrownBy(() -> RequestParams.parse("/api/instances", null, "application/json", "{}"))
                .isInstanceOf(DeltacloudException.class).extracting(e -> ((DeltacloudException) e).status()).isEqualTo(415);
    }

    @Test
    void readsMatrixParametersOfAnySegment() {
        assertThat(MatrixParams.ofPath("/api;driver=ec2;provider=eu-west-1/instances"))
                .containsEntry("driver", "ec2").containsEntry("provider", "eu-west-1");
        assertThat(MatrixParams.ofLastSegment("/api;driver=ec2/instances")).isEmpty();
        assertThatThrownBy(() -> MatrixParams.ofPath("/api;driver=%zz")).isInstanceOf(DeltacloudException.class);
        assertThat(MatrixParams.ofPathLenient("/api;driver=%zz")).isEmpty();
    }

    @Test
    void encodesIdsAsSinglePathSegments() {
        assertThat(Links.segment("inst0")).isEqualTo("inst0");
        assertThat(Links.segment("a b/c;d?é")).isEqualTo("a%20b%2Fc%3Bd%3F%C3%A9");
        Links links = new Links("http://h:1/api");
        assertThat(links.member("buckets", "x/y")).isEqualTo("http://h:1/api/buckets/x%2Fy");
        assertThat(links.action("instances", "i1", "stop")).isEqualTo("http://h:1/api/instances/i1/stop");
    }

    @Test
    void writesTheSameDocumentAsXmlAndJson() {
        View view = w -> {
            w.startList("things", "thing");
            for (String id : List.of("a", "b")) {
                w.startObject("thing");
                w.attribute("id", id);
                w.element("name", "<" + id + ">");
                w.startInlineList("tags", "tag");
                w.startItem();
                w.attribute("type", "t");
                w.text("v&");
                w.end();
                w.end();
                w.end();
            }
            w.end();
        };
        String xml = new String(Responses.render(Format.XML, 64, view).body().getBytes());
        String json = new String(Responses.render(Format.JSON, 64, view).body().getBytes());
        assertThat(xml).endsWith("<things><thing id=\"a\"><name>&lt;a&gt;</name><tag type=\"t\">v&amp;</tag></thing>"
                + "<thing id=\"b\"><name>&lt;b&gt;</name><tag type=\"t\">v&amp;</tag></thing></things>");
        assertThat(json).isEqualTo("{\"things\":[{\"id\":\"a\",\"name\":\"<a>\",\"tags\":[{\"type\":\"t\",\"tag\":\"v&\"}]},"
                + "{\"id\":\"b\",\"name\":\"<b>\",\"tags\":[{\"type\":\"t\",\"tag\":\"v&\"}]}]}");
    }

    @Test
    void entityTagsFollowTheBytesAndGzipVariantsDiffer() {
        Rendered a = Rendered.reusable(Format.XML, new byte[10_000]);
        Rendered b = Rendered.reusable(Format.XML, new byte[10_000]);
        Rendered c = Rendered.reusable(Format.XML, new byte[10_001]);
        assertThat(a.etag()).isEqualTo(b.etag()).isNotEqualTo(c.etag());
        assertThat(a.gzipped()).isNotNull();
        assertThat(a.gzipEtag()).isNotEqualTo(a.etag());
        assertThat(Rendered.matches("\"x\", " + a.etag(), a.etag())).isTrue();
        assertThat(Rendered.matches("W/" + a.etag(), a.etag())).isTrue();
        assertThat(Rendered.matches("\"x\"", a.etag())).isFalse();
        assertThat(Responses.acceptsGzip("gzip, deflate")).isTrue();
        assertThat(Responses.acceptsGzip("br, gzip;q=0")).isFalse();
        assertThat(Responses.acceptsGzip("identity")).isFalse();
    }
}
