package io.skyfed.broker.drivers;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A driver registered through configuration rather than the API: stored at start-up, its inventory in both APIs. */
@QuarkusTest
@QuarkusTestResource(value = ConfiguredEc2Provider.class, restrictToAnnotatedClass = true)
class ConfiguredDriverTest {

    /** The instance the EC2 fake is seeded with ("web-1"). */
    private static final String SEEDED = "i-0a1b2c3d4e5f60001";

    @Test
    void aProviderFromConfigurationIsStoredAndShowsItsInstancesThroughBothApis() {
        given().get("/v1/providers/" + ConfiguredEc2Provider.NAME).then().statusCode(200)
                .body("driver", equalTo("ec2")).body("source", equalTo("configuration"))
                .body("region", equalTo("us-east-1")).body("credentials.secretStored", equalTo(true));

        List<String> inventory = given().queryParam("provider", ConfiguredEc2Provider.NAME)
                .get("/v1/inventory/instances").then().statusCode(200)
                .body("providers[0].error", equalTo(null)).extract().path("items.id");
        assertThat(inventory).contains(SEEDED);

        List<String> deltacloud = given().accept("application/xml").header("X-Deltacloud-Driver", "ec2")
                .header("X-Deltacloud-Provider", ConfiguredEc2Provider.NAME)
                .auth().preemptive().basic("AKIDSKYFEDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
                .get("/api/instances").then().statusCode(200).extract().xmlPath().getList("instances.instance.@id");
        assertThat(deltacloud).contains(SEEDED);
    }
}
