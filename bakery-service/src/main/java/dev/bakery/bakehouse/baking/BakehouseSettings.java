package dev.bakery.bakehouse.baking;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bake house's equipment, under {@code bakery.bakehouse.*}.
 *
 * @param ovens how many orders bake at once
 * @param traySize how many pieces of one product fit on a tray; a line needs as many
 * trays as it takes
 */
@ConfigurationProperties("bakery.bakehouse")
public record BakehouseSettings(@DefaultValue("4") int ovens, @DefaultValue("12") int traySize) {
}
