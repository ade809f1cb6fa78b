package dev.bakery.platform;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * A department with nothing but the platform, to test its parts on their own: everything
 * comes from the platform's auto-configuration, as in a department; nothing is scanned.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class PlatformTestApplication {

}
