package io.github.grpcops.pipeline;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Version 7 UUIDs (RFC 9562): the time's milliseconds first, then random bits. Ids generated in time
 * order keep a database index on them (the request log's primary key, its request ids) appending at its
 * end instead of splitting pages all over, and {@link ThreadLocalRandom} keeps calls from contending on
 * {@link UUID#randomUUID()}'s shared {@code SecureRandom}. The ids are keys, not secrets.
 */
public final class TimeOrderedIds {

    private TimeOrderedIds() {
    }

    /** An id for something that happened at {@code time}. */
    public static UUID at(Instant time) {
        return atMillis(time.toEpochMilli());
    }

    /** An id for something happening now. */
    public static UUID now() {
        return atMillis(System.currentTimeMillis());
    }

    private static UUID atMillis(long epochMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = epochMillis & 0xFFFF_FFFF_FFFFL;
        long high = (millis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(high, low);
    }
}
