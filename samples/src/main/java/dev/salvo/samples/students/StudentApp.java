package dev.salvo.samples.students;

import dev.salvo.samples.support.Database;
import dev.salvo.samples.support.SampleServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A student service on an embedded server: {@code GET /students/{id}} answers 200 with
 * {@code id,name} from an H2 database, or 404. The database is seeded with {@code students}
 * rows named {@code student-0}, {@code student-1}, ... whose ids are not their positions, so a
 * client has to look an id up by name before it can ask for the student.
 *
 * <p>{@link #lookUpId(String)} is that lookup, as a test's preparation would do it: one query
 * plus a pause that models a slow database, different for every student.
 */
public final class StudentApp implements AutoCloseable {

    /** Ids start here, so that a student's id differs from its position. */
    private static final int FIRST_ID = 1_000;

    private final Database database;
    private final SampleServer server;

    private StudentApp(int students) {
        database = Database.create("students",
                "CREATE TABLE students (id INT PRIMARY KEY, name VARCHAR(64) NOT NULL UNIQUE)",
                "INSERT INTO students (id, name) SELECT " + FIRST_ID + " + 7 * X, 'student-' || X FROM SYSTEM_RANGE(0, "
                        + (students - 1) + ")");
        try {
            server = SampleServer.start("students", new Handler.Abstract() {
                @Override
                public boolean handle(Request request, Response response, Callback callback) throws Exception {
                    return answer(request, response, callback);
                }
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * Starts the database and the server.
     *
     * @param students how many students to seed
     * @return the running service
     */
    public static StudentApp start(int students) {
        return new StudentApp(students);
    }

    /** @return the server, for its base URL and the arrival times it recorded */
    public SampleServer server() {
        return server;
    }

    /**
     * How long the simulated database takes to find the student at this position: between 20
     * and 98 ms, a different time for neighbouring students, the same on every run.
     *
     * @param position the student's position, from 0
     * @return the pause that {@link #lookUpId(String)} adds for that student
     */
    public static Duration simulatedLatency(int position) {
        return Duration.ofMillis(20 + (position * 13L) % 81);
    }

    /**
     * Finds a student's id by name: a real query, then the pause of {@link #simulatedLatency(int)}.
     * Blocks for tens of milliseconds, like a lookup in a busy database.
     *
     * @param name for example {@code student-7}
     * @return the student's id
     * @throws IllegalArgumentException if there is no such student
     */
    public int lookUpId(String name) {
        int id;
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT id FROM students WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalArgumentException("no student named '" + name + "'");
                }
                id = rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lookup of '" + name + "' failed: " + e.getMessage(), e);
        }
        pause(simulatedLatency(Integer.parseInt(name.substring(name.indexOf('-') + 1))));
        return id;
    }

    private boolean answer(Request request, Response response, Callback callback) throws SQLException {
        String path = Request.getPathInContext(request);
        if (!request.getMethod().equals("GET") || !path.matches("/students/\\d{1,9}")) {
            SampleServer.respond(response, 404, "no route " + request.getMethod() + " " + path, callback);
            return true;
        }
        int id = Integer.parseInt(path.substring("/students/".length()));
        try (Connection connection = database.connection();
                PreparedStatement query = connection.prepareStatement("SELECT name FROM students WHERE id = ?")) {
            query.setInt(1, id);
            try (ResultSet rows = query.executeQuery()) {
                if (rows.next()) {
                    SampleServer.respond(response, 200, id + "," + rows.getString(1), callback);
                } else {
                    SampleServer.respond(response, 404, "no student " + id, callback);
                }
            }
        }
        return true;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while looking a student up", e);
        }
    }

    /** Stops the server, then the database. */
    @Override
    public void close() {
        try {
            server.close();
        } finally {
            database.close();
        }
    }
}
