package nl.eentegeneenzaamheid.registry.municipality;

/** The twelve provinces, with the spelling CBS uses in its lists. */
public enum Province {
    GRONINGEN("Groningen"), FRYSLAN("Fryslân"), DRENTHE("Drenthe"), OVERIJSSEL("Overijssel"),
    FLEVOLAND("Flevoland"), GELDERLAND("Gelderland"), UTRECHT("Utrecht"), NOORD_HOLLAND("Noord-Holland"),
    ZUID_HOLLAND("Zuid-Holland"), ZEELAND("Zeeland"), NOORD_BRABANT("Noord-Brabant"), LIMBURG("Limburg");

    private final String dutchName;

    Province(String dutchName) {
        this.dutchName = dutchName;
    }

    public String dutchName() {
        return dutchName;
    }

    public static Province fromDutchName(String name) {
        for (Province province : values()) {
            if (province.dutchName.equals(name)) {
                return province;
            }
        }
        throw new IllegalArgumentException("Unknown province " + name);
    }
}
