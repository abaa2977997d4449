package io.skyfed.broker.api.deltacloud;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The headers of every Deltacloud response, errors included: {@code Server: Apache-Deltacloud/<version>} and the
 * driver and provider that served it (clients discover the driver from a 401 this way).
 */
public class DeltacloudHeaders {

    /** Looked up per request: filters and mappers are built before runtime configuration exists. */
    @Inject
    Provider<DeltacloudConfig> config;

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response, HttpServerRequest request) {
        if (!DeltacloudErrors.isDeltacloud(request)) {
            return;
        }
        response.getHeaders().putSingle("Server", DeltacloudErrors.serverHeader());
        response.getHeaders().putSingle(DeltacloudContext.DRIVER_HEADER, DeltacloudContext.requestedDriver(request, config.get()));
        response.getHeaders().putSingle(DeltacloudContext.PROVIDER_HEADER, DeltacloudContext.requestedProvider(request, config.get()));
    }
}
