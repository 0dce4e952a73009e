package io.github.grpcops.auth.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import io.github.grpcops.auth.GrpcAuthProperties;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.UnsupportedJwtException;

import org.springframework.core.io.Resource;

/**
 * The key tokens are verified with when it is configured (a secret or a public key) and the algorithms
 * pinned to it, checked at start-up: an HMAC secret too short for an allowed algorithm, an algorithm
 * that does not fit the key type, or {@code none}, stop the application with an
 * {@link InvalidJwtPropertiesException} that says what to change (and never shows the secret).
 *
 * @param keys per accepted JWS algorithm name, the key that verifies it: an HMAC {@link SecretKeySpec}
 *     named for that algorithm, or the one RSA or EC public key
 */
record JwtVerificationKey(Map<String, Key> keys) implements VerificationKeys {

    /** The key for a token's {@code alg} header, or {@code null} when that algorithm is not accepted. */
    public Key keyFor(String algorithm) {
        return (algorithm != null) ? this.keys.get(algorithm) : null;
    }

    @Override
    public Key keyFor(JwsHeader header) {
        Key found = keyFor(header.getAlgorithm());
        if (found == null) {
            throw new UnsupportedJwtException("algorithm not accepted");
        }
        return found;
    }

    private static final Map<String, Integer> HMAC_MIN_BITS = Map.of("HS256", 256, "HS384", 384, "HS512", 512);

    static final Set<String> RSA = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

    static final Set<String> EC = Set.of("ES256", "ES384", "ES512");

    /**
     * The verification key the properties describe, or {@code null} when neither secret nor key is set;
     * {@link VerificationKeys#from} checks first that no other source is set too.
     */
    public static JwtVerificationKey from(GrpcAuthProperties.Jwt properties) {
        boolean hasSecret = properties.getSecret() != null && !properties.getSecret().isEmpty();
        Resource pem = properties.getPublicKey();
        if (hasSecret) {
            return hmac(properties.getSecret().getBytes(StandardCharsets.UTF_8), properties.getAlgorithms());
        }
        if (pem != null) {
            return publicKey(readPem(pem), properties.getAlgorithms());
        }
        return null;
    }

    static JwtVerificationKey hmac(byte[] secret, List<String> configured) {
        Set<String> algorithms = algorithms(configured, "HS256");
        for (String algorithm : algorithms) {
            Integer minBits = HMAC_MIN_BITS.get(algorithm);
            if (minBits == null) {
                throw new InvalidJwtPropertiesException("grpc.auth.jwt.algorithms", "grpc.auth.jwt.algorithms: "
                        + algorithm + " does not fit an HMAC secret; use HS256, HS384 or HS512");
            }
            if (secret.length * 8 < minBits) {
                throw new InvalidJwtPropertiesException("grpc.auth.jwt.secret", "grpc.auth.jwt.secret is "
                        + (secret.length * 8) + " bits, but " + algorithm + " needs at least " + minBits + " bits ("
                        + (minBits / 8) + " bytes); use a longer random secret, e.g. the output of "
                        + "'openssl rand -base64 " + (minBits / 8) + "'");
            }
        }
        Map<String, Key> keys = new HashMap<>();
        algorithms.forEach(algorithm -> keys.put(algorithm,
                new SecretKeySpec(secret, "HmacSHA" + algorithm.substring(2))));
        return new JwtVerificationKey(Map.copyOf(keys));
    }

    static JwtVerificationKey publicKey(PublicKey key, List<String> configured) {
        boolean rsa = key instanceof RSAPublicKey;
        Set<String> fitting = rsa ? RSA : EC;
        Set<String> algorithms = algorithms(configured, rsa ? "RS256" : "ES256");
        for (String algorithm : algorithms) {
            if (!fitting.contains(algorithm)) {
                throw new InvalidJwtPropertiesException("grpc.auth.jwt.algorithms", "grpc.auth.jwt.algorithms: "
                        + algorithm + " does not fit the " + (rsa ? "RSA" : "EC") + " public key; use one of " + fitting);
            }
        }
        Map<String, Key> keys = new HashMap<>();
        algorithms.forEach(algorithm -> keys.put(algorithm, key));
        return new JwtVerificationKey(Map.copyOf(keys));
    }

    /** The configured algorithm names, upper case, or {@code fallback} when none; {@code none} refused. */
    static Set<String> algorithms(List<String> configured, String fallback) {
        Set<String> algorithms = new LinkedHashSet<>();
        configured.forEach(name -> algorithms.add(name.trim().toUpperCase(Locale.ROOT)));
        if (algorithms.contains("NONE")) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.algorithms", "grpc.auth.jwt.algorithms must "
                    + "not contain 'none': unsigned tokens are never accepted");
        }
        return algorithms.isEmpty() ? Set.of(fallback) : Set.copyOf(algorithms);
    }

    static PublicKey readPem(Resource resource) {
        String pem;
        try (InputStream in = resource.getInputStream()) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        catch (IOException ex) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.public-key",
                    "Cannot read grpc.auth.jwt.public-key " + resource.getDescription(), ex);
        }
        return parsePem(pem);
    }

    static PublicKey parsePem(String pem) {
        if (!pem.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.public-key", "grpc.auth.jwt.public-key must "
                    + "be a PEM public key starting with '-----BEGIN PUBLIC KEY-----' (convert a certificate with "
                    + "'openssl x509 -pubkey -noout')");
        }
        String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        X509EncodedKeySpec spec;
        try {
            spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidJwtPropertiesException("grpc.auth.jwt.public-key",
                    "grpc.auth.jwt.public-key is not valid base64 PEM", ex);
        }
        for (String type : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(spec);
                if (key instanceof RSAPublicKey || key instanceof ECPublicKey) {
                    return key;
                }
            }
            catch (GeneralSecurityException ex) {
                // try the next key type
            }
        }
        throw new InvalidJwtPropertiesException("grpc.auth.jwt.public-key",
                "grpc.auth.jwt.public-key is neither an RSA nor an EC public key");
    }
}
