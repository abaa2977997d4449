package io.skyfed.drivers.rhevm;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for an engine whose certificate its own CA signed (the usual case: engine-setup creates one). The CA
 * comes as PEM, as the engine serves it at {@code /ovirt-engine/services/pki-resource?resource=ca-certificate&
 * format=X509-PEM-CA}; host names are still verified. There is deliberately no way to switch verification off.
 */
final class EngineTrust {

    private EngineTrust() {
    }

    /** An SSL context trusting exactly the certificates in {@code pemFile}. */
    static SSLContext trusting(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("rhevm setting ca-file " + pemFile + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (Certificate certificate : certificates) {
                store.setCertificateEntry("engine-ca-" + n++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("rhevm setting ca-file " + pemFile + " is not a readable PEM "
                    + "certificate: " + e.getMessage(), e);
        }
    }
}
