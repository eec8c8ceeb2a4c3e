package com.wxqr.app.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The embedded default as a test context: the app on a random port, the emulator in-process on
 * another, the demo account in safe mode, passive delivery, a private in-memory H2 database; the PC
 * page's follow hint after 2 s instead of 15.
 * Test classes with this annotation share one context; its DataSource is wrapped by
 * {@link StatementCounter}, and each test starts with no rate-limit hits ({@link ForgetRateLimits}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wxqr.demo.emulator-port=0",
            "wxqr.demo.encryption-mode=safe",
            "spring.datasource.url=jdbc:h2:mem:safe-passive;DB_CLOSE_DELAY=-1",
            "wxqr.qr.rate-limit=25",
            "spring.datasource.hikari.leak-detection-threshold=3000",
            "wxqr.qr.follow-hint-after=2s"
        })
@AutoConfigureMockMvc
@Import(StatementCounter.class)
@TestExecutionListeners(
        listeners = ForgetRateLimits.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface SafePassiveApp {}
