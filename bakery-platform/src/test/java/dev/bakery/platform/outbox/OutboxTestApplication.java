package dev.bakery.platform.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A department with nothing but the platform, to test the outbox on its own. */
@SpringBootApplication
class OutboxTestApplication {

}
