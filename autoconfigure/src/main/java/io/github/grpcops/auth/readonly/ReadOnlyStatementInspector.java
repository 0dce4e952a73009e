package io.github.grpcops.auth.readonly;

import java.util.Locale;
import java.util.Set;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/**
 * Refuses Hibernate's write statements during a read-only service call, so the rule holds on databases
 * that treat a read-only transaction as a mere hint (H2), and fails fast everywhere else. Delegates to
 * the inspector the application configured, if any.
 */
class ReadOnlyStatementInspector implements StatementInspector {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "merge", "upsert", "create",
            "drop", "alter", "truncate");

    private final StatementInspector delegate;

    public ReadOnlyStatementInspector(StatementInspector delegate) {
        this.delegate = delegate;
    }

    @Override
    public String inspect(String sql) {
        if (ReadOnlyCalls.isActive() && WRITES.contains(firstWord(sql))) {
            throw new ReadOnlyCalls.WriteRefusedException();
        }
        return (this.delegate != null) ? this.delegate.inspect(sql) : sql;
    }

    static String firstWord(String sql) {
        String trimmed = sql.stripLeading();
        while (trimmed.startsWith("/*")) {
            int end = trimmed.indexOf("*/");
            trimmed = (end < 0) ? "" : trimmed.substring(end + 2).stripLeading();
        }
        int space = 0;
        while (space < trimmed.length() && Character.isLetter(trimmed.charAt(space))) {
            space++;
        }
        return trimmed.substring(0, space).toLowerCase(Locale.ROOT);
    }
}
