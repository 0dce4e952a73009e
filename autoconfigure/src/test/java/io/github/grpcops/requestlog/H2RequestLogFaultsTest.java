package io.github.grpcops.requestlog;

import java.sql.SQLException;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The writer faults against H2 served over TCP by a server the test stops and starts; the in-memory
 * database itself lives on in this JVM, as a database server's files would.
 */
class H2RequestLogFaultsTest extends RequestLogFaultsTestBase {

    private static TcpH2 h2;

    @BeforeAll
    static void startH2() throws SQLException {
        h2 = new TcpH2();
        h2.start();
    }

    @AfterAll
    static void stopH2() {
        h2.stop();
    }

    @Override
    Database database() {
        return h2;
    }

    static final class TcpH2 implements Database {

        private Server server;

        private int port;

        @Override
        public String url() {
            return "jdbc:h2:tcp://localhost:" + this.port + "/mem:grpc-ops-faults;DB_CLOSE_DELAY=-1";
        }

        @Override
        public String username() {
            return "sa";
        }

        @Override
        public String password() {
            return "";
        }

        @Override
        public synchronized void stop() {
            if (this.server != null) {
                this.server.stop();
                this.server = null;
            }
        }

        @Override
        public synchronized void start() throws SQLException {
            if (this.server == null) {
                this.server = Server.createTcpServer("-tcpPort", String.valueOf(this.port), "-ifNotExists").start();
                this.port = this.server.getPort();
            }
        }
    }
}
