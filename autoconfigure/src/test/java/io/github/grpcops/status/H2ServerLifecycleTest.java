package io.github.grpcops.status;

/** On H2, in memory but kept for the whole JVM so it outlives the contexts. */
class H2ServerLifecycleTest extends ServerLifecycleTestBase {

    @Override
    String[] database() {
        return new String[] { "jdbc:h2:mem:status-lifecycle;DB_CLOSE_DELAY=-1", "sa", "" };
    }
}
