package dev.bakery.e2e;

import dev.bakery.bakehouse.BakehouseApplication;
import dev.bakery.checkout.CheckoutApplication;
import dev.bakery.packaging.PackagingApplication;
import dev.bakery.sales.SalesApplication;

/** The four services, with what it takes to start each one and the database it owns. */
enum Department {

	CHECKOUT(CheckoutApplication.class, CheckoutApplication.CONFIG_NAME, "checkout"),

	BAKEHOUSE(BakehouseApplication.class, BakehouseApplication.CONFIG_NAME, "bakery"),

	PACKAGING(PackagingApplication.class, PackagingApplication.CONFIG_NAME, "packaging"),

	SALES(SalesApplication.class, SalesApplication.CONFIG_NAME, "sales");

	final Class<?> application;

	final String configName;

	final String database;

	Department(Class<?> application, String configName, String database) {
		this.application = application;
		this.configName = configName;
		this.database = database;
	}

}
