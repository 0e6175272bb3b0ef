package dev.salvo.internal.client;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Which server certificates the client accepts. By default only those the JVM's trust store
 * vouches for, with the host name checked; a test may opt in to a trust store of its own, or
 * to trusting every certificate for local test servers. Not API.
 *
 * @param trustAll accept any certificate and host name
 * @param trustStore a trust store file (PKCS12 or JKS), or {@code null} for the JVM's
 * @param trustStorePassword the trust store's password, or {@code null}
 */
public record TlsTrust(boolean trustAll, Path trustStore, String trustStorePassword) {

    /** The default: the JVM's trust store, host names verified. */
    public static final TlsTrust VERIFY = new TlsTrust(false, null, null);

    public TlsTrust {
        if (trustStore != null && !Files.isReadable(trustStore)) {
            throw new IllegalArgumentException("trust store '" + trustStore + "' does not exist or cannot be read");
        }
    }

    public static TlsTrust all() {
        return new TlsTrust(true, null, null);
    }

    public static TlsTrust store(Path path, String password) {
        return new TlsTrust(false, path, password);
    }

    SslContextFactory.Client sslContextFactory() {
        SslContextFactory.Client factory = new SslContextFactory.Client();
        if (trustAll) {
            factory.setTrustAll(true);
            factory.setEndpointIdentificationAlgorithm(null);
        } else {
            factory.setEndpointIdentificationAlgorithm("HTTPS");
            if (trustStore != null) {
                factory.setTrustStorePath(trustStore.toString());
                if (trustStorePassword != null) {
                    factory.setTrustStorePassword(trustStorePassword);
                }
            }
        }
        return factory;
    }

    @Override
    public String toString() {
        return trustAll ? "trust all certificates" : trustStore == null ? "verify with the JVM's trust store"
                : "verify with trust store " + trustStore;
    }
}
