package dev.bakery.platform;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/fault}: arms a fault point of a running department ({@code POST
 * {"point":"after-commit"}}), as chaos tools do, so that the fault soak needs no restart
 * to arm one. Off unless the department is started with
 * {@code management.endpoint.fault.access=unrestricted}, as the runtime starts it for the
 * soak and the tests: nobody else may crash a department.
 */
@Endpoint(id = "fault", defaultAccess = Access.NONE)
class FaultEndpoint {

	private final Faults faults;

	FaultEndpoint(Faults faults) {
		this.faults = faults;
	}

	@ReadOperation
	Faults.Point armed() {
		return this.faults.armed();
	}

	@WriteOperation
	Faults.Point arm(Faults.Point point) {
		this.faults.arm(point);
		return point;
	}

}
