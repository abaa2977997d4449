package io.skyfed.broker.api.deltacloud;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.xml.XmlPath;
import io.restassured.path.xml.element.Node;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.skyfed.broker.api.deltacloud.DeltacloudApi.anonymous;
import static io.skyfed.broker.api.deltacloud.DeltacloudApi.as;
import static org.assertj.core.api.Assertions.assertThat;

/** What Deltacloud clients rely on for every collection, member by member. */
@QuarkusTest
class CollectionsTest {

    private static final String P = "collections";

    @ParameterizedTest
    @CsvSource({"realms,realm", "hardware_profiles,hardware_profile", "images,image", "instances,instance",
            "keys,key", "storage_volumes,storage_volume", "storage_snapshots,storage_snapshot", "buckets,bucket",
            "addresses,address", "firewalls,firewall", "load_balancers,load_balancer", "metrics,metric",
            "drivers,driver"})
    void membersAreComplete(String collection, String member) {
        Response list = as(P).get("/api/" + collection);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.getHeader("ETag")).isNotBlank();
        XmlPath xml = list.xmlPath();
        assertThat(xml.getString("$.name()")).isEqualTo(collection);
        List<Node> members = xml.getList(collection + "." + member, Node.class);
        assertThat(members).isNotEmpty();
        for (Node m : members) {
            String id = m.getAttribute("id");
            String href = m.getAttribute("href");
            assertThat(id).isNotBlank();
            assertThat(href).startsWith("http://").endsWith("/" + id);
            Response detail = as(P).get(href);
            assertThat(detail.statusCode()).as(href).isEqualTo(200);
            assertThat(detail.xmlPath().getString(member + ".@id")).isEqualTo(id);
            if (!collection.equals("metrics") && !collection.equals("addresses")) {
                assertThat(detail.xmlPath().getString(member + ".name")).isEqualTo(m.getNode("name").value());
            }
        }
        Response json = as(P).accept("application/json").get("/api/" + collection);
        assertThat(json.getHeader("Content-Type")).isEqualTo("application/json");
        if (collection.equals("drivers")) {
            // The reference server's shape: an object keyed by driver id.
            assertThat(json.jsonPath().getMap("$").keySet())
                    .containsExactlyInAnyOrderElementsOf(members.stream().map(m -> m.getAttribute("id")).toList());
        } else {
            assertThat(json.jsonPath().getList(collection)).hasSize(members.size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"realms", "images", "instances", "keys", "storage_volumes", "storage_snapshots",
            "buckets", "addresses", "firewalls", "load_balancers", "metrics"})
    void needCredentials(String collection) {
        anonymous(P).get("/api/" + collection).then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Deltacloud API\"");
        anonymous(P).auth().preemptive().basic("mockuser", "nope").get("/api/" + collection).then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hardware_profiles", "instance_states", "drivers"})
    void publicCollectionsNeedNone(String collection) {
        anonymous(P).get("/api/" + collection).then().statusCode(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"realms", "images", "instances", "keys", "storage_volumes", "storage_snapshots",
            "buckets", "addresses", "firewalls", "load_balancers", "metrics", "hardware_profiles", "drivers"})
    void unknownMembersAre404InBothFormats(String collection) {
        as(P).get("/api/" + collection + "/no-such-thing").then().statusCode(404)
                .contentType("application/xml")
                .body("error.@status", org.hamcrest.Matchers.equalTo("404"))
                .body("error.backend.@driver", org.hamcrest.Matchers.equalTo("mock"));
        Response json = as(P).accept("application/json").get("/api/" + collection + "/no-such-thing");
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(json.jsonPath().getString("error.message")).isNotBlank();
    }
}
