package io.github.grpcops.sample.console;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;

/**
 * Records the SQL the application sends through its {@link DataSource} while serving HTTP requests
 * (every statement prepared or executed on a Tomcat request thread, so not the heartbeats and writers
 * of grpc-ops' own threads), so a test can count what one console page view costs the database.
 */
@TestConfiguration(proxyBeanMethods = false)
class StatementLog implements BeanPostProcessor {

    private static final Set<String> SQL_METHODS = Set.of("prepareStatement", "prepareCall", "execute",
            "executeQuery", "executeUpdate", "addBatch");

    private final List<String> statements = new CopyOnWriteArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return (bean instanceof DataSource dataSource) ? proxy(DataSource.class, dataSource) : bean;
    }

    /** The statements since the last call, and forgets them. */
    List<String> drain() {
        List<String> drained = List.copyOf(this.statements);
        this.statements.removeAll(drained);
        return drained;
    }

    @SuppressWarnings("unchecked")
    private <T> T proxy(Class<T> type, T target) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (SQL_METHODS.contains(method.getName()) && args != null && args.length > 0 && args[0] instanceof String sql
                    && Thread.currentThread().getName().startsWith("http-nio-")) {
                this.statements.add(sql);
            }
            Object result = invoke(method, target, args);
            if (result instanceof Connection connection) {
                return proxy(Connection.class, connection);
            }
            if (result instanceof java.sql.Statement statement && !(result instanceof java.sql.PreparedStatement)) {
                return proxy(java.sql.Statement.class, statement);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler);
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (InvocationTargetException ex) {
            throw ex.getCause();
        }
    }
}
