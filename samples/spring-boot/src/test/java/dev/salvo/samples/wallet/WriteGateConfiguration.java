package dev.salvo.samples.wallet;

import dev.salvo.jdbc.WriteGate;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Wraps the application's {@code DataSource} (Spring Boot's HikariCP pool) with the write
 * gate, for the test classes that import it. Outside a burst with {@code holdWrites} the
 * wrapped pool behaves exactly like the pool.
 */
// tag::spring-write-gate[]
@TestConfiguration(proxyBeanMethods = false)
public class WriteGateConfiguration {

    @Bean
    static BeanPostProcessor writeGate() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof DataSource dataSource ? WriteGate.wrap(dataSource) : bean;
            }
        };
    }
}
// end::spring-write-gate[]
