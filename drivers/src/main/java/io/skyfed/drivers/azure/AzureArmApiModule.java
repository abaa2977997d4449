package io.skyfed.drivers.azure;

import com.google.common.base.Supplier;
import com.google.inject.Provides;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Named;
import jakarta.inject.Singleton;
import java.net.URI;
import org.jclouds.azurecompute.arm.AzureComputeApi;
import org.jclouds.azurecompute.arm.compute.config.AzureNameValidator;
import org.jclouds.azurecompute.arm.config.AzureComputeHttpApiModule;
import org.jclouds.azurecompute.arm.config.AzureOAuthConfigFactory;
import org.jclouds.azurecompute.arm.config.GraphRBAC;
import org.jclouds.azurecompute.arm.config.Tenant;
import org.jclouds.azurecompute.arm.domain.ServicePrincipal;
import org.jclouds.azurecompute.arm.handlers.AzureComputeErrorHandler;
import org.jclouds.http.HttpErrorHandler;
import org.jclouds.http.annotation.ClientError;
import org.jclouds.http.annotation.Redirection;
import org.jclouds.http.annotation.ServerError;
import org.jclouds.location.suppliers.ImplicitLocationSupplier;
import org.jclouds.location.suppliers.implicit.FirstRegion;
import org.jclouds.oauth.v2.config.OAuthConfigFactory;
import org.jclouds.oauth.v2.config.OAuthScopes;
import org.jclouds.predicates.Validator;
import org.jclouds.rest.ConfiguresHttpApi;
import org.jclouds.rest.config.HttpApiModule;

/**
 * jclouds' {@link AzureComputeHttpApiModule} with one change: the tenant comes from the {@code tenant-id} setting
 * instead of being parsed out of the token endpoint URL. jclouds' parser accepts only
 * {@code https://login.microsoft(online).com/...} and fails the whole context otherwise (eagerly, since the tenant
 * is a singleton), which rules out sovereign-cloud issuers and test fakes alike. Everything else is bound as jclouds
 * binds it; passing this module replaces jclouds' own (it is annotated {@link ConfiguresHttpApi}).
 */
@ConfiguresHttpApi
final class AzureArmApiModule extends HttpApiModule<AzureComputeApi> {

    @Override
    protected void bindErrorHandlers() {
        bind(HttpErrorHandler.class).annotatedWith(Redirection.class).to(AzureComputeErrorHandler.class);
        bind(HttpErrorHandler.class).annotatedWith(ClientError.class).to(AzureComputeErrorHandler.class);
        bind(HttpErrorHandler.class).annotatedWith(ServerError.class).to(AzureComputeErrorHandler.class);
    }

    @Override
    protected void installLocations() {
        super.installLocations();
        bind(ImplicitLocationSupplier.class).to(FirstRegion.class).in(Scopes.SINGLETON);
    }

    @Override
    protected void configure() {
        super.configure();
        bind(OAuthScopes.class).toInstance(OAuthScopes.NoScopes.create());
        bind(OAuthConfigFactory.class).to(AzureOAuthConfigFactory.class).in(Scopes.SINGLETON);
        bind(new TypeLiteral<Validator<String>>() {
        }).to(AzureNameValidator.class).in(Scopes.SINGLETON);
        bind(new TypeLiteral<Supplier<URI>>() {
        }).annotatedWith(GraphRBAC.class).to(GraphRBAC.GraphRBACForTenant.class).in(Scopes.SINGLETON);
    }

    @Provides
    @Singleton
    @Tenant
    String tenant(@Named("azurecompute-arm.tenantId") String tenantId) {
        return tenantId;
    }

    @Provides
    @Singleton
    @Named(AzureComputeHttpApiModule.IS_CHINA_ENDPOINT)
    boolean chinaEndpoint(@Named("oauth.endpoint") String oauthEndpoint) {
        return oauthEndpoint.startsWith("https://login.chinacloudapi.cn/");
    }

    /** The driver never asks jclouds for the service principal (it would query Microsoft Graph). */
    @Provides
    @Singleton
    Supplier<ServicePrincipal> servicePrincipal() {
        return () -> {
            throw new UnsupportedOperationException("the azure driver does not read the service principal");
        };
    }
}
