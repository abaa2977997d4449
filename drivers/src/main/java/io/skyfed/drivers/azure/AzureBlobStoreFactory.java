package io.skyfed.drivers.azure;

import java.util.List;
import java.util.Properties;
import org.jclouds.Constants;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.logging.slf4j.config.SLF4JLoggingModule;

/**
 * Builds jclouds' azureblob context for the provider's storage account, signed in with the same service principal
 * through Entra ID ({@code jclouds.azureblob.auth=azureAd}), so no storage account key is needed; the principal needs
 * a data role on the account (Storage Blob Data Contributor).
 */
final class AzureBlobStoreFactory {

    private AzureBlobStoreFactory() {
    }

    static BlobStoreContext build(AzureSettings settings, String account, String clientId, String clientSecret) {
        Properties p = new Properties();
        p.setProperty(Constants.PROPERTY_MAX_RETRIES, "0");
        p.setProperty(Constants.PROPERTY_SO_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty(Constants.PROPERTY_CONNECTION_TIMEOUT, Long.toString(settings.socketTimeout().toMillis()));
        p.setProperty("jclouds.azureblob.auth", "azureAd");
        p.setProperty("jclouds.azureblob.account", account);
        p.setProperty("jclouds.azureblob.tenantId", settings.tenantId());
        p.setProperty("oauth.endpoint", settings.tokenUrl());
        // a custom endpoint (Azurite, tests) addresses the account by path, not by host name
        String endpoint = settings.blobEndpoint().map(uri -> uri.toString().replaceAll("/+$", "") + "/" + account)
                .orElse("https://" + account + ".blob.core.windows.net");
        return ContextBuilder.newBuilder("azureblob").credentials(clientId, clientSecret).endpoint(endpoint)
                .overrides(p).modules(List.of(new SLF4JLoggingModule())).buildView(BlobStoreContext.class);
    }
}
