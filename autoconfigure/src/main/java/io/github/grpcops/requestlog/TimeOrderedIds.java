package io.github.grpcops.requestlog;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562): the start time's milliseconds first, then random bits. Ids generated
 * in time order keep the primary-key index appending at its end instead of splitting pages all over,
 * and {@link ThreadLocalRandom} keeps calls from contending on {@link UUID#randomUUID()}'s shared
 * {@code SecureRandom}. The ids are keys, not secrets.
 */
final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    static UUID at(Instant time) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = time.toEpochMilli() & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
