package io.doris2pc.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs SQL on a MySQL-compatible server over JDBC: the embedded MariaDB or a real MySQL. */
public final class MySqlClient {

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    public MySqlClient(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password == null ? "" : password;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?useSSL=false&allowPublicKeyRetrieval=true&serverTimezone=UTC";
    }

    /** Runs each statement in order, in one session (so a {@code USE db} applies to the statements after it). */
    public void execute(String... statements) {
        execute(List.of(statements));
    }

    public void execute(List<String> statements) {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                try {
                    statement.execute(sql);
                } catch (SQLException e) {
                    throw new IllegalStateException("MySQL at " + host + ":" + port + " refused: " + sql, e);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to MySQL at " + host + ":" + port, e);
        }
    }

    /** Runs a SQL script from the classpath, statement by statement, in one session. */
    public void runSqlScript(String resource) {
        try (InputStream in = MySqlClient.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No SQL script " + resource + " on the classpath");
            }
            execute(SqlScript.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read SQL script " + resource, e);
        }
    }

    /** Rows of a query, each a column label to value map in select order; {@code ?} are bound to {@code args}. */
    public List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                ResultSetMetaData meta = resultSet.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (resultSet.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        row.put(meta.getColumnLabel(c), resultSet.getObject(c));
                    }
                    rows.add(row);
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on MySQL at " + host + ":" + port + ": " + sql, e);
        }
    }

    /** The single number a query such as {@code SELECT COUNT(*) ...} returns. */
    public long queryLong(String sql, Object... args) {
        List<Map<String, Object>> rows = query(sql, args);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one value from " + sql + ", got " + rows);
        }
        return ((Number) rows.get(0).values().iterator().next()).longValue();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }
}
