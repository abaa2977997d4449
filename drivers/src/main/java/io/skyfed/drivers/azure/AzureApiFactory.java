package io.skyfed.drivers.azure;

import java.util.List;
import java.util.Properties;
import org.jclouds.Constants;
import com.google.inject.Injector;
import org.jclouds.ContextBuilder;
import org.jclouds.azurecompute.arm.AzureComputeApi;
import org.jclouds.json.Json;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * Builds jclouds' Resource Manager API for one provider. A build costs a Guice injector (up to seconds), so the
 * account builds it once and keeps it.
 */
final class AzureApiFactory {

    private AzureApiFactory() {
    }

    /** jclouds' API and its JSON reader, which turns pages the driver reads natively into jclouds' domain types. */
    record Built(AzureComputeApi api, Json json) {
    }

    static Built build(AzureSettings settings, String clientId, String clientSecret) {
        Injector injector = ContextBuilder.newBuilder("azurecompute-arm")
                .credentials(clientId, clientSecret)
                .endpoint(settings.subscriptionUrl())
                .overrides(properties(settings))
                .modules(List.of(new SLF4JLoggingModule(), new AzureArmApiModule()))
                .buildInjector();
        return new Built(injector.getInstance(AzureComputeApi.class), injector.getInstance(Json.class));
    }

    static Properties properties(AzureSettings settings) {
        Properties p = new Properties();
        // Our guard retries; jclouds retrying underneath (including its rate-limit handler, which would sleep up
        // to minutes on a 429) would multiply every call and outlive the guard's timeout.
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty("jclouds.max-ratelimit-wait", "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        // The provider's default issuer is login.microsoft.com/${azurecompute-arm.tenantId}; naming the endpoint
        // outright also lets tests point it at a fake.
        p.setProperty("oauth.endpoint", settings.tokenUrl());
        p.setProperty("azurecompute-arm.tenantId", settings.tenantId());
        return p;
    }
}
