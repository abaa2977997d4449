package io.skyfed.broker;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class BrokerMainTest {

    @Test
    void namesTheDatabaseProblemAndHowToFixIt() {
        Throwable failure = new RuntimeException("Failed to start quarkus",
                new IllegalStateException("Unable to obtain connection",
                        new SQLException("Connection to 127.0.0.1:5439 refused.",
                                new java.net.ConnectException("Connection refused"))));

        assertThat(BrokerMain.describe(failure))
                .startsWith("Skyfed broker could not start: PostgreSQL: Connection to 127.0.0.1:5439 refused.")
                .contains("skyfed.database.host");
    }

    @Test
    void otherwiseGivesTheRootCause() {
        Throwable failure = new RuntimeException("Failed to start quarkus",
                new IllegalStateException("skyfed.secrets.master-key is not valid base64"));

        assertThat(BrokerMain.describe(failure))
                .isEqualTo("Skyfed broker could not start: skyfed.secrets.master-key is not valid base64");
    }
}
