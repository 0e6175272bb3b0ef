package dev.salvo.benchmarks;

import dev.salvo.jdbc.WriteGate;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The same races and fixes as {@link ClaimServer}, as a Spring Boot application would have them: Spring
 * MVC on Spring Boot's default embedded Tomcat, a {@code JdbcTemplate} over Spring Boot's HikariCP
 * pool on in-memory H2, the pool wrapped by the write gate through a bean post-processor (as the
 * docs show). Tomcat has as many threads as the pool has connections. Nothing widens the races.
 */
final class SpringRaceServer implements RaceServer {

    /**
     * Claims of a code with this prefix are plain claims, except that request 0 waits
     * {@link #LATE_MILLIS} first: a burst's gate then holds the others that long, while the
     * tests send requests that are not the burst's.
     */
    static final String LATE_PREFIX = "late-";
    static final long LATE_MILLIS = 1_000;

    private final ConfigurableApplicationContext context;
    private final JdbcTemplate jdbc;
    private final Recorder recorder;
    private final int threads;

    private SpringRaceServer(ConfigurableApplicationContext context, int threads) {
        this.context = context;
        this.jdbc = context.getBean(JdbcTemplate.class);
        this.recorder = context.getBean(Recorder.class);
        this.threads = threads;
    }

    /**
     * Starts the application on a free port, and waits until its pool has opened every
     * connection (HikariCP opens one about every 30 ms), as in an application that is up.
     *
     * @param threads Tomcat's threads and the pool's connections, at least 16
     */
    static SpringRaceServer start(int threads) {
        if (threads < 16) {
            throw new IllegalArgumentException("the Spring race server needs at least 16 threads, was " + threads);
        }
        SpringApplication application = new SpringApplication(Application.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(Map.of(
                "server.address", "127.0.0.1",
                "server.port", "0",
                "server.tomcat.threads.max", String.valueOf(threads),
                "server.tomcat.threads.min-spare", String.valueOf(threads),
                "spring.datasource.url", "jdbc:h2:mem:spring-race-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "spring.datasource.hikari.maximum-pool-size", String.valueOf(threads),
                "spring.main.banner-mode", "off",
                "logging.level.root", "warn"));
        ConfigurableApplicationContext context = application.run();
        SpringRaceServer server = new SpringRaceServer(context, threads);
        try {
            server.jdbc.execute("CREATE TABLE claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL)");
            server.jdbc.execute("CREATE INDEX claims_code ON claims (code)");
            server.jdbc.execute("CREATE TABLE accounts (code VARCHAR(64) PRIMARY KEY, balance BIGINT NOT NULL)");
            server.jdbc.execute("CREATE TABLE unique_claims (id BIGINT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(64) NOT NULL UNIQUE)");
            server.awaitFullPool();
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitFullPool() {
        com.zaxxer.hikari.HikariDataSource pool;
        try {
            pool = context.getBean(DataSource.class).unwrap(com.zaxxer.hikari.HikariDataSource.class);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("the application's DataSource is not HikariCP: " + e, e);
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (pool.getHikariPoolMXBean().getTotalConnections() < threads) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("HikariCP did not open " + threads + " connections within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the pool filled", e);
            }
        }
    }

    @Override
    public String name() {
        return "Spring Boot (Tomcat, HikariCP) + H2";
    }

    @Override
    public URI baseUrl() {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void openAccount(String code) {
        jdbc.update("MERGE INTO accounts (code, balance) KEY (code) VALUES (?, 0)", code);
    }

    @Override
    public long balance(String code) {
        List<Long> balance = jdbc.queryForList("SELECT balance FROM accounts WHERE code = ?", Long.class, code);
        return balance.isEmpty() ? -1 : balance.get(0);
    }

    @Override
    public List<Claim> take(String code) {
        Queue<Claim> recorded = recorder.claims.remove(code);
        return recorded == null ? List.of() : new ArrayList<>(recorded);
    }

    @Override
    public void close() {
        try {
            jdbc.execute("SHUTDOWN"); // an in-memory database kept open by DB_CLOSE_DELAY=-1 goes only this way
        } catch (RuntimeException alreadyGone) {
            // nothing left to free
        }
        context.close();
    }

    /** The application: auto-configuration (Tomcat, MVC, DataSource, JdbcTemplate), the controller, the gate. */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(RaceController.class)
    static class Application {

        @Bean
        static BeanPostProcessor writeGate() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof DataSource dataSource ? WriteGate.wrap(dataSource) : bean;
                }
            };
        }

        @Bean
        Recorder recorder() {
            return new Recorder();
        }
    }

    /** Every handled request, by code. */
    static final class Recorder {
        final Map<String, Queue<Claim>> claims = new ConcurrentHashMap<>();

        void record(String code, boolean won, long entered) {
            claims.computeIfAbsent(code, c -> new ConcurrentLinkedQueue<>()).add(new Claim(won, entered));
        }
    }

    /** Claims and deposits, each two statements without a lock, and their fixes, as {@link ClaimServer}'s. */
    @RestController
    static class RaceController {

        private final JdbcTemplate jdbc;
        private final Recorder recorder;

        RaceController(JdbcTemplate jdbc, Recorder recorder) {
            this.jdbc = jdbc;
            this.recorder = recorder;
        }

        @RequestMapping("/{code}/{index}")
        ResponseEntity<Void> handle(@PathVariable("code") String code, @PathVariable("index") String index) {
            long entered = System.nanoTime();
            if (code.startsWith(LATE_PREFIX) && index.equals("0")) {
                pause(); // request 0 of a late- code reaches its claim a second after the others
            }
            boolean won = code.startsWith(DEPOSIT_PREFIX) ? deposit(code)
                    : code.startsWith(ATOMIC_PREFIX) ? jdbc.update("UPDATE accounts SET balance = balance + ? WHERE code = ?",
                            DEPOSIT, code) == 1
                    : code.startsWith(UNIQUE_PREFIX) ? uniqueClaim(code)
                    : claim(code);
            recorder.record(code, won, entered);
            return ResponseEntity.status(won ? 200 : 409).build();
        }

        private boolean claim(String code) {
            Long taken = jdbc.queryForObject("SELECT COUNT(*) FROM claims WHERE code = ?", Long.class, code);
            if (taken != null && taken > 0) {
                return false;
            }
            jdbc.update("INSERT INTO claims (code) VALUES (?)", code);
            return true;
        }

        private static void pause() {
            try {
                Thread.sleep(LATE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        private boolean uniqueClaim(String code) {
            Long taken = jdbc.queryForObject("SELECT COUNT(*) FROM unique_claims WHERE code = ?", Long.class, code);
            if (taken != null && taken > 0) {
                return false;
            }
            try {
                jdbc.update("INSERT INTO unique_claims (code) VALUES (?)", code);
                return true;
            } catch (DuplicateKeyException refused) {
                return false; // the constraint refused a second winner
            }
        }

        private boolean deposit(String code) {
            Long balance = jdbc.queryForObject("SELECT balance FROM accounts WHERE code = ?", Long.class, code);
            return jdbc.update("UPDATE accounts SET balance = ? WHERE code = ?", balance + DEPOSIT, code) == 1;
        }
    }
}
