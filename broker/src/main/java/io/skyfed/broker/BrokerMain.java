package io.skyfed.broker;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.sql.SQLException;

/**
 * Starts the broker. When start-up fails, the last line of output says why in one sentence (the stack trace
 * above it stays for the curious), and the exit status is non-zero.
 */
@QuarkusMain
public class BrokerMain implements QuarkusApplication {

    public static void main(String... args) {
        Quarkus.run(BrokerMain.class, BrokerMain::exit, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    private static void exit(int status, Throwable failure) {
        if (failure != null) {
            System.err.println(describe(failure));
        }
        System.exit(status);
    }

    /** The database driver's message when the database is the problem (it names host and port), else the root cause's. */
    static String describe(Throwable failure) {
        Throwable root = failure;
        SQLException database = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (database == null && cause instanceof SQLException sql) {
                database = sql;
            }
            root = cause;
        }
        if (database != null) {
            return "Skyfed broker could not start: PostgreSQL: " + database.getMessage()
                    + " (set skyfed.database.host, .port, .name and quarkus.datasource.username/password;"
                    + " see docs/configuration.md)";
        }
        return "Skyfed broker could not start: " + (root.getMessage() == null ? root.getClass().getName()
                : root.getMessage());
    }
}
