package dev.alfred.agents.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class AuditEventRepositoryTest {

    @Test
    void theAuditRepositoryCanOnlyInsertAndRead() {
        Method[] methods = AuditEventRepository.class.getMethods();

        assertThat(AuditEventRepository.class.getInterfaces())
                .containsExactly(io.micronaut.data.repository.GenericRepository.class);
        assertThat(Arrays.stream(methods).map(Method::getName))
                .isNotEmpty()
                .allSatisfy(name -> assertThat(name).matches("save|find.*"));
    }
}
