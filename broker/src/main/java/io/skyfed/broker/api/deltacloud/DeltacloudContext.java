package io.skyfed.broker.api.deltacloud;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.skyfed.broker.federation.ProviderConnector;
import io.skyfed.broker.federation.ProviderRegistry;
import io.skyfed.broker.persistence.ProviderEntity;
import io.skyfed.broker.persistence.ProviderRepository;
import io.skyfed.broker.security.BasicAuthorization;
import io.skyfed.broker.security.SecurityConfig;
import io.skyfed.drivers.DriverRegistry;
import io.skyfed.drivers.spi.CollectionKind;
import io.skyfed.drivers.spi.Credentials;
import io.skyfed.drivers.spi.DriverException;
import io.skyfed.drivers.spi.DriverFactory;
import io.skyfed.drivers.spi.DriverSession;
import io.skyfed.drivers.spi.ProviderSettings;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Who asks what of which driver, for one Deltacloud request: the driver and provider (headers, else matrix
 * parameters, else configuration), HTTP Basic credentials, the representation, and the driver session, opened
 * on first use and closed with the request.
 */
@RequestScoped
public class DeltacloudContext {

    static final String DRIVER_HEADER = "X-Deltacloud-Driver";
    static final String PROVIDER_HEADER = "X-Deltacloud-Provider";

    @Inject
    HttpServerRequest request;
    @Inject
    DriverRegistry registry;
    @Inject
    DeltacloudConfig config;
    @Inject
    SecurityConfig security;
    @Inject
    ProviderRegistry providers;
    @Inject
    ProviderRepository providerRows;

    private DriverFactory driver;
    private Format format;
    private Links links;
    private DriverSession session;
    private Optional<ProviderEntity> registered;

    /** The driver's name as requested (even when unknown), for response headers. */
    String requestedDriver() {
        return requestedDriver(request, config);
    }

    DriverFactory driver() {
        if (driver == null) {
            String name = requestedDriver();
            driver = registry.find(name).orElseThrow(() -> DeltacloudException.badRequest("driver",
                    "unknown driver '" + name + "'; see /api/drivers"));
        }
        return driver;
    }

    String provider() {
        return requestedProvider(request, config);
    }

    Format format() {
        if (format == null) {
            format = Format.negotiate(request.getParam("format"), request.getHeader("Accept"));
        }
        return format;
    }

    Links links() {
        if (links == null) {
            links = new Links(request.scheme() + "://" + request.authority() + "/api");
        }
        return links;
    }

    /** The HTTP Basic credentials, if the request carries well-formed ones. */
    Optional<Credentials> credentials() {
        return BasicAuthorization.parse(request.getHeader("Authorization"));
    }

    /**
     * The driver session. Embedded default: with the request's Basic credentials (401 without; the provider may
     * refuse them). Security on: the Basic header authenticated the caller to Skyfed, so the session uses the
     * registered provider's own (sealed) credentials and settings, never the header's.
     */
    DriverSession session() {
        if (session == null) {
            try {
                session = security.enabled() ? registeredSession() : driver().connect(credentials().orElseThrow(() ->
                        DeltacloudException.unauthorized("authentication required: send HTTP Basic credentials"
                                + " for driver " + driver().id())), providerSettings());
            } catch (DriverException e) {
                throw DeltacloudException.from(e);
            }
        }
        return session;
    }

    private DriverSession registeredSession() {
        ProviderEntity provider = registered().orElseThrow(() ->
                DeltacloudException.notFound("no provider '" + provider() + "'; see /v1/providers"));
        if (!provider.driver.equals(driver().id())) {
            throw DeltacloudException.badRequest("driver", "provider '" + provider() + "' uses driver '"
                    + provider.driver + "', not '" + driver().id() + "'");
        }
        Optional<Credentials> credentials = await("opening the credentials of provider " + provider(),
                () -> Panache.withSession(() -> providers.credentials(provider)));
        return driver().connect(credentials.orElse(new Credentials("", "")), ProviderConnector.settings(provider));
    }

    /** The session, after checking the driver offers {@code collection} (404 otherwise). */
    DriverSession session(CollectionKind collection) {
        requireCollection(collection);
        return session();
    }

    /**
     * One optional service of the session, after checking the driver offers {@code collection}; 404 when this
     * provider's settings do not enable it (vsphere's volumes without {@code vi-json-release}).
     */
    <S> S service(CollectionKind collection, Function<DriverSession, Optional<S>> service) {
        return service.apply(session(collection)).orElseThrow(() -> DeltacloudException.notFound("provider '"
                + provider() + "' of driver " + driver().id() + " has no " + collection.apiName()
                + " with its settings"));
    }

    void requireCollection(CollectionKind collection) {
        if (!driver().supports(collection)) {
            throw DeltacloudException.notFound("driver " + driver().id() + " has no " + collection.apiName());
        }
    }

    /**
     * A provider registered in the broker (API or configuration) under the requested name, for this driver, is used
     * with its endpoint, region and properties; otherwise Deltacloud names a region as the provider (ec2's
     * eu-west-1): such a provider is also the region, with the driver's configured properties.
     */
    private ProviderSettings providerSettings() {
        Optional<ProviderSettings> registered = registered().filter(p -> p.enabled && p.driver.equals(driver().id()))
                .map(ProviderConnector::settings);
        if (registered.isPresent()) {
            return registered.get();
        }
        Map<String, String> properties = config.driverProperties().getOrDefault(driver().id(), Map.of());
        String provider = provider();
        String region = driver().knownProviders().contains(provider) ? provider : null;
        return new ProviderSettings(provider, null, region, properties);
    }

    /** The provider registered under the requested name, looked up once per request. */
    private Optional<ProviderEntity> registered() {
        if (registered == null) {
            registered = Optional.ofNullable(await("looking up provider " + provider(),
                    () -> Panache.withSession(() -> providerRows.findByName(provider()))));
        }
        return registered;
    }

    /** Resources run on worker threads; the repositories are reactive, so look-ups run on a Vert.x context. */
    private static <T> T await(String what, Supplier<Uni<T>> lookUp) {
        try {
            return VertxContextSupport.subscribeAndAwait(lookUp);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(what, e);
        }
    }

    /** The driver named by the X-Deltacloud-Driver header, else a {@code ;driver=} matrix parameter, else configuration. */
    static String requestedDriver(HttpServerRequest request, DeltacloudConfig config) {
        return requested(request, DRIVER_HEADER, "driver", config.defaultDriver());
    }

    /** The provider named like the driver, by header, matrix parameter or configuration. */
    static String requestedProvider(HttpServerRequest request, DeltacloudConfig config) {
        return requested(request, PROVIDER_HEADER, "provider", config.defaultProvider());
    }

    private static String requested(HttpServerRequest request, String header, String matrixName, String fallback) {
        String value = request.getHeader(header);
        if (value != null && !value.isBlank()) {
            return value.trim();
        }
        String matrix = MatrixParams.ofPathLenient(rawPath(request)).get(matrixName);
        return matrix == null || matrix.isBlank() ? fallback : matrix;
    }

    /** The call's parameters from the last path segment's matrix, the query string and a form {@code body}. */
    RequestParams params(String body) {
        return RequestParams.parse(rawPath(), request.query(), request.getHeader("Content-Type"), body);
    }

    /** The undecoded path, matrix parameters included. */
    String rawPath() {
        return rawPath(request);
    }

    static String rawPath(HttpServerRequest request) {
        String uri = request.uri();
        int query = uri.indexOf('?');
        return query < 0 ? uri : uri.substring(0, query);
    }

    String header(String name) {
        return request.getHeader(name);
    }

    HttpServerRequest httpRequest() {
        return request;
    }

    @PreDestroy
    void closeSession() {
        if (session != null) {
            session.close();
        }
    }
}
