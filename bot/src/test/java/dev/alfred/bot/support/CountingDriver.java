package dev.alfred.bot.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * A JDBC driver that counts the transactions the application commits, by where in Alfred's code they come from. It
 * wraps the real driver: a URL {@code jdbc:counting:<rest>} opens {@code jdbc:<rest>} (PostgreSQL or H2), and the
 * connection pool, Flyway, Micronaut Data and JobRunr all go through it. A transaction is counted when it reaches the
 * database: a {@code commit()} after at least one statement, a statement run in auto-commit mode (its own
 * transaction, as PostgreSQL counts it in {@code xact_commit}), and a switch back to auto-commit with statements
 * pending. A rollback is counted apart. Each count is attributed to the innermost {@code dev.alfred} frames of the
 * committing thread's stack (three of them, innermost first), or to the library that committed when there is none
 * (JobRunr's polling, the pool's checks).
 *
 * <p>Use {@link #url(String)} and the properties of {@link #properties(TestDatabase)}; read with
 * {@link #snapshot()} and subtract two snapshots for a window.
 */
public final class CountingDriver implements Driver {
    private static final String PREFIX = "jdbc:counting:";
    private static final Map<String, LongAdder> COMMITS = new ConcurrentHashMap<>();
    private static final LongAdder ROLLBACKS = new LongAdder();
    /** Statements run, by origin and SQL text ({@code origin | sql}). */
    private static final Map<String, LongAdder> STATEMENTS = new ConcurrentHashMap<>();
    private static final Set<String> SKIPPED = Set.of(CountingDriver.class.getName());

    static {
        try {
            DriverManager.registerDriver(new CountingDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** @return {@code url} routed through this driver */
    public static String url(String url) {
        return PREFIX + url.substring("jdbc:".length());
    }

    /** @return the Micronaut properties that put {@code database} behind this driver */
    public static Map<String, Object> properties(TestDatabase database) {
        Map<String, Object> properties = new LinkedHashMap<>(database.properties());
        properties.put("datasources.default.url", url((String) properties.get("datasources.default.url")));
        properties.put("datasources.default.driver-class-name", CountingDriver.class.getName());
        return properties;
    }

    /** @return committed transactions so far, by origin (innermost Alfred frames, {@code <-} between them) */
    public static Map<String, Long> snapshot() {
        return COMMITS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }

    /**
     * @return statements run so far (each {@code execute*} call on a statement), keyed {@code origin | sql}; a plain
     *     {@code Statement}'s SQL is its first argument
     */
    public static Map<String, Long> statements() {
        return STATEMENTS.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum()));
    }

    /** @return rollbacks so far */
    public static long rollbacks() {
        return ROLLBACKS.sum();
    }

    /** @return the counts of {@code after} less those of {@code before}, zeros left out */
    public static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> diff = new LinkedHashMap<>();
        after.forEach((origin, count) -> {
            long delta = count - before.getOrDefault(origin, 0L);
            if (delta != 0) {
                diff.put(origin, delta);
            }
        });
        return diff;
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        Connection real = DriverManager.getConnection("jdbc:" + url.substring(PREFIX.length()), info);
        return (Connection) Proxy.newProxyInstance(CountingDriver.class.getClassLoader(),
                new Class<?>[] {Connection.class}, new Counted(real));
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[0];
    }

    @Override
    public int getMajorVersion() {
        return 1;
    }

    @Override
    public int getMinorVersion() {
        return 0;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    static void count(String origin) {
        COMMITS.computeIfAbsent(origin, o -> new LongAdder()).increment();
    }

    /** @return the innermost three Alfred frames of the current stack, or the first library frame */
    static String origin() {
        StackTraceElement[] stack = Thread.currentThread().getStackTrace();
        StringBuilder key = new StringBuilder();
        int found = 0;
        String library = null;
        for (StackTraceElement frame : stack) {
            String type = frame.getClassName();
            if (SKIPPED.contains(type) || type.startsWith(Counted.class.getName()) || type.startsWith("java.")
                    || type.startsWith("jdk.") || type.startsWith("com.sun.proxy") || type.contains("$Proxy")) {
                continue;
            }
            if (type.startsWith("dev.alfred.") && !type.contains("$Intercepted") && !type.contains("$Definition")) {
                String simple = type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethodName();
                if (key.indexOf(simple) < 0) {
                    key.append(found == 0 ? "" : " <- ").append(simple);
                    if (++found == 3) {
                        break;
                    }
                }
            } else if (library == null && !type.startsWith("com.zaxxer") && !type.startsWith("io.micronaut")) {
                library = type.substring(0, Math.min(type.length(), 60)) + "." + frame.getMethodName();
            }
        }
        return found > 0 ? key.toString() : "(no Alfred frame) " + library;
    }

    /** A connection that counts its transactions. */
    private static final class Counted implements InvocationHandler {
        private final Connection real;
        private boolean autoCommit = true;
        private boolean pending;

        Counted(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "commit" -> {
                    if (pending) {
                        count(origin());
                    }
                    pending = false;
                }
                case "rollback" -> {
                    if (pending && (args == null || args.length == 0)) {
                        ROLLBACKS.increment();
                        pending = false;
                    }
                }
                case "setAutoCommit" -> {
                    boolean on = (Boolean) args[0];
                    if (on && !autoCommit && pending) {
                        count(origin());
                        pending = false;
                    }
                    autoCommit = on;
                }
                case "unwrap" -> {
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                }
                default -> {
                }
            }
            Object result = call(real, method, args);
            if (result instanceof Statement statement) {
                String prepared = args != null && args.length > 0 && args[0] instanceof String sql ? sql : null;
                Class<?> type = method.getName().equals("prepareCall") ? java.sql.CallableStatement.class
                        : method.getName().equals("prepareStatement") ? java.sql.PreparedStatement.class
                        : Statement.class;
                return Proxy.newProxyInstance(CountingDriver.class.getClassLoader(), new Class<?>[] {type},
                        (statementProxy, statementMethod, statementArgs) -> {
                            if (statementMethod.getName().startsWith("execute")) {
                                String sql = prepared != null ? prepared : statementArgs != null
                                        && statementArgs.length > 0 ? String.valueOf(statementArgs[0]) : "?";
                                STATEMENTS.computeIfAbsent(origin() + " | " + sql.replaceAll("\\s+", " "),
                                        o -> new LongAdder()).increment();
                                if (autoCommit) {
                                    count(origin());
                                } else {
                                    pending = true;
                                }
                            }
                            if (statementMethod.getName().equals("getConnection")) {
                                return proxy;
                            }
                            return call(statement, statementMethod, statementArgs);
                        });
            }
            return result;
        }

        private static Object call(Object target, Method method, Object[] args) throws Throwable {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
