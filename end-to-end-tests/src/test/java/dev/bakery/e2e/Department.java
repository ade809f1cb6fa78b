package dev.bakery.e2e;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.checkout.CheckoutApplication;
import dev.bakery.packaging.PackagingApplication;
import dev.bakery.sales.SalesApplication;

/**
 * The four services, with what it takes to start each one and the database it owns (its
 * name from bakery-site.properties, as the service itself reads it).
 */
enum Department {

	CHECKOUT(CheckoutApplication.class, CheckoutApplication.CONFIG_NAME),

	BAKEHOUSE(BakehouseApplication.class, BakehouseApplication.CONFIG_NAME),

	PACKAGING(PackagingApplication.class, PackagingApplication.CONFIG_NAME),

	SALES(SalesApplication.class, SalesApplication.CONFIG_NAME);

	final Class<?> application;

	final String configName;

	/** Its module and the name of its configuration file, e.g. {@code bakery-service}. */
	final String service;

	final String database;

	Department(Class<?> application, String configName) {
		this.application = application;
		this.configName = configName;
		this.service = configName.substring(configName.indexOf('=') + 1);
		this.database = SiteFacts.get("site." + this.service + ".database");
	}

}
