package io.skyfed.broker.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Single values the process tests read straight from the brokers' shared database. */
final class Rows {

    private Rows() {
    }

    static String text(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(db, sql, parameters); ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getString(1);
        }
    }

    static Instant instant(Connection db, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(db, sql, parameters); ResultSet rows = query.executeQuery()) {
            assertThat(rows.next()).as(sql).isTrue();
            return rows.getTimestamp(1).toInstant();
        }
    }

    private static PreparedStatement prepare(Connection db, String sql, Object... parameters) throws SQLException {
        PreparedStatement query = db.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            query.setObject(i + 1, parameters[i]);
        }
        return query;
    }
}
